/*
 * root/main.c: the root task, EriX's first user program.
 *
 * GRUB loads it as the boot module "root". In lab 3 the kernel starts it
 * as the first user thread, with the capabilities to everything else; for
 * now the kernel only checks its ELF image at boot (kernel/elf.c).
 */

/* Some data, read-only data and bss, so that every kind of segment is
 * there for the kernel's checker. */
static const char greeting[] = "EriX root task";
static volatile unsigned long ticks = 1;
static volatile unsigned long scratch[64];

int main(void)
{
	for (;;) {
		scratch[ticks % 64] = greeting[ticks % sizeof(greeting)];
		ticks++;
	}
}
