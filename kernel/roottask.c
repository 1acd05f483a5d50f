/*
 * roottask.c: the root task's image (see roottask.h).
 */
#include "roottask.h"
#include "bootinfo.h"
#include "kprintf.h"
#include "kstring.h"
#include "memlayout.h"

/* The user half ends here: every user address lies below it. */
#define USER_TOP 0x0000800000000000ull

bool roottask_found;
enum elf_status roottask_status;
struct elf_image roottask_image;

void roottask_check(void)
{
	for (unsigned i = 0; i < boot_info.module_count; i++) {
		const struct boot_module *m = &boot_info.modules[i];
		if (strcmp(m->name, "root") != 0)
			continue;
		roottask_found = true;
		const void *image = phys_window(m->start, m->end - m->start);
		roottask_status = image ? elf_parse(image, m->end - m->start, USER_TOP,
						    &roottask_image)
					: ELF_ERR_SIZE;
		if (roottask_status != ELF_OK) {
			kprintf("root task: %s\n", elf_strerror(roottask_status));
			return;
		}
		kprintf("root task: ELF ok, %u segments, entry %p (lab 3 starts it)\n",
			roottask_image.nsegments, (void *)roottask_image.entry);
		return;
	}
	kprintf("root task: no boot module called \"root\"\n");
}
