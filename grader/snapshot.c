/*
 * snapshot.c: boot snapshots: keys, the cache directory, checking and
 * making them (see snapshot.h). The machine work, booting to the entry
 * point and saving, is vm_save_at_entry() in vm.c.
 */
#define _GNU_SOURCE
#include "snapshot.h"
#include "grader.h"

#include <dirent.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define SNAPSHOT_FORMAT 1  /* bump when what a snapshot holds changes */
#define SNAPSHOT_KEEP 8    /* snapshots kept in the directory (3 MB each) */
#define SNAPSHOT_LIMIT 20  /* seconds to boot to the entry point and save */

/* What every key holds, learnt once by snapshot_init. */
static struct {
	bool on;
	char dir[PATH_MAX];
	char iso_sha256[65];
	char qemu_sh_sha256[65]; /* the machine's definition (qemu.sh) */
	char qemu_version[128];
	uint64_t entry;
	int run;          /* the grader's main process: this run */
} snap;

static char state_path[PATH_MAX + 64]; /* snapshot_for's result */

/* ---- helpers --------------------------------------------------------- */

/* fnv1a64: FNV-1a, 64 bits: the file names of keys and the states'
 * checksums (against damage, not against an adversary: the directory is
 * the grader's own). */
static uint64_t fnv1a64(const void *data, size_t len, uint64_t h)
{
	const unsigned char *p = data;
	for (size_t i = 0; i < len; i++)
		h = (h ^ p[i]) * 0x100000001b3ull;
	return h;
}
#define FNV_START 0xcbf29ce484222325ull

/* first_line: the first line a command prints (trailing newline cut), or
 * false. */
static bool first_line(const char *cmd, char *out, size_t len)
{
	FILE *p = popen(cmd, "r");
	if (!p)
		return false;
	bool ok = fgets(out, (int)len, p) != NULL;
	while (fgetc(p) != EOF)
		;
	ok = pclose(p) == 0 && ok;
	out[strcspn(out, "\n")] = '\0';
	return ok && out[0];
}

/* elf_entry: the entry point in the kernel's ELF header, or 0. */
static uint64_t elf_entry(const char *path)
{
	Elf64_Ehdr eh;
	FILE *f = fopen(path, "rb");
	if (!f)
		return 0;
	size_t n = fread(&eh, 1, sizeof(eh), f);
	fclose(f);
	if (n != sizeof(eh) || memcmp(eh.e_ident, ELFMAG, SELFMAG) != 0 ||
	    eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_machine != EM_X86_64)
		return 0;
	return eh.e_entry;
}

/* key_text: the key of configuration cfg, as the .meta file holds it. */
static void key_text(const struct vm_config *cfg, char *out, size_t len)
{
	snprintf(out, len,
		 "erix boot snapshot %d\n"
		 "iso sha256:%s\n"
		 "qemu.sh sha256:%s\n"
		 "mem %d\n"
		 "args %s\n"
		 "cpu %s\n"
		 "qemu %s\n"
		 "entry %#" PRIx64 "\n",
		 SNAPSHOT_FORMAT, snap.iso_sha256, snap.qemu_sh_sha256, cfg->mem_mib ? cfg->mem_mib : 128,
		 cfg->args ? cfg->args : "", cfg->cpu ? cfg->cpu : "",
		 snap.qemu_version, snap.entry);
}

/* file_sum: the size and checksum of a file; false if unreadable. */
static bool file_sum(const char *path, off_t *size, uint64_t *sum)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	struct stat st;
	bool ok = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0;
	if (ok) {
		void *p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
		ok = p != MAP_FAILED;
		if (ok) {
			*size = st.st_size;
			*sum = fnv1a64(p, (size_t)st.st_size, FNV_START);
			munmap(p, (size_t)st.st_size);
		}
	}
	close(fd);
	return ok;
}

/* sound: whether state and its .meta beside it are a snapshot of key:
 * the meta holds exactly the key, then the state's size and checksum,
 * which match. why gets the reason when not. */
static bool sound(const char *state, const char *key, char *why, size_t whylen)
{
	char meta[PATH_MAX + 64], text[4096];
	snprintf(meta, sizeof(meta), "%.*s.meta", (int)(strlen(state) - 6), state);
	FILE *f = fopen(meta, "r");
	if (!f) {
		snprintf(why, whylen, "no %.300s", meta);
		return false;
	}
	size_t n = fread(text, 1, sizeof(text) - 1, f);
	fclose(f);
	text[n] = '\0';
	size_t klen = strlen(key);
	if (n < klen || memcmp(text, key, klen) != 0) {
		snprintf(why, whylen, "it was made for another configuration or build "
			 "(%.300s differs)", meta);
		return false;
	}
	long long want_size;
	uint64_t want_sum, sum;
	off_t size;
	if (sscanf(text + klen, "state %lld fnv1a64:%" SCNx64, &want_size, &want_sum) != 2) {
		snprintf(why, whylen, "%.300s is damaged", meta);
		return false;
	}
	if (!file_sum(state, &size, &sum)) {
		snprintf(why, whylen, "cannot read %.300s", state);
		return false;
	}
	if (size != want_size || sum != want_sum) {
		snprintf(why, whylen, "%.300s is damaged: %lld bytes, checksum %016" PRIx64
			 " (%lld and %016" PRIx64 " when it was made)",
			 state, (long long)size, sum, want_size, want_sum);
		return false;
	}
	return true;
}

/* prune: keep the SNAPSHOT_KEEP most recent snapshots (by their .meta's
 * time); remove the others' files. */
static void prune(void)
{
	DIR *d = opendir(snap.dir);
	if (!d)
		return;
	struct old { char base[256]; double t; } olds[256];
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d)) && n < 256) {
		size_t len = strlen(e->d_name);
		if (len < 6 || len >= sizeof(olds[0].base) ||
		    strcmp(e->d_name + len - 5, ".meta") != 0)
			continue;
		char path[PATH_MAX + 300];
		struct stat st;
		snprintf(path, sizeof(path), "%s/%s", snap.dir, e->d_name);
		if (stat(path, &st) < 0)
			continue;
		snprintf(olds[n].base, sizeof(olds[n].base), "%.*s", (int)(len - 5), e->d_name);
		olds[n].t = st.st_mtim.tv_sec + st.st_mtim.tv_nsec / 1e9;
		n++;
	}
	closedir(d);
	while (n > SNAPSHOT_KEEP) {
		int oldest = 0;
		for (int i = 1; i < n; i++)
			if (olds[i].t < olds[oldest].t)
				oldest = i;
		static const char *const kinds[] = { "meta", "state", "lock", "failed" };
		for (int k = 0; k < 4; k++) {
			char path[PATH_MAX + 300];
			snprintf(path, sizeof(path), "%s/%s.%s", snap.dir, olds[oldest].base,
				 kinds[k]);
			unlink(path);
		}
		olds[oldest] = olds[--n];
	}
}

/* copy_file: copy from, a regular file (never through a symbolic link:
 * it lies in a directory a sandbox could write), to to (a new file, mode
 * 0644). */
static bool copy_file(const char *from, const char *to)
{
	int in = open(from, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	struct stat st;
	if (in >= 0 && (fstat(in, &st) < 0 || !S_ISREG(st.st_mode))) {
		close(in);
		in = -1;
	}
	int out = in < 0 ? -1 : open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	bool ok = in >= 0 && out >= 0;
	char buf[1 << 16];
	ssize_t n;
	while (ok && (n = read(in, buf, sizeof(buf))) != 0)
		ok = n > 0 && write(out, buf, (size_t)n) == n;
	if (in >= 0)
		close(in);
	if (out >= 0 && close(out) < 0)
		ok = false;
	return ok;
}

/* make: boot configuration cfg to the entry point and save it as state
 * (and its meta, written last: a snapshot is there once its meta is).
 * false, with the reason in why, on failure. */
static bool make(const struct vm_config *cfg, const char *state, const char *key,
		 char *why, size_t whylen)
{
	char saved[PATH_MAX];
	if (!vm_save_at_entry(cfg, snap.entry, SNAPSHOT_LIMIT, saved, sizeof(saved),
			      why, whylen))
		return false;
	char tmp[PATH_MAX + 80], meta[PATH_MAX + 64];
	snprintf(tmp, sizeof(tmp), "%s.tmp%d", state, (int)getpid());
	off_t size;
	uint64_t sum;
	if (!copy_file(saved, tmp) || !file_sum(tmp, &size, &sum) ||
	    rename(tmp, state) < 0) {
		snprintf(why, whylen, "cannot write %.300s: %s", state, strerror(errno));
		unlink(tmp);
		return false;
	}
	unlink(saved);
	snprintf(meta, sizeof(meta), "%.*s.meta", (int)(strlen(state) - 6), state);
	snprintf(tmp, sizeof(tmp), "%s.tmp%d", meta, (int)getpid());
	FILE *f = fopen(tmp, "w");
	if (!f || fprintf(f, "%sstate %lld fnv1a64:%016" PRIx64 "\n", key,
			  (long long)size, sum) < 0 ||
	    fclose(f) != 0 || rename(tmp, meta) < 0) {
		snprintf(why, whylen, "cannot write %.300s: %s", meta, strerror(errno));
		unlink(tmp);
		return false;
	}
	return true;
}

/* ---- the interface ----------------------------------------------------- */

/* sha256: the SHA-256 of a file, as 64 hex digits, into out[65]. */
static bool sha256(const char *path, char out[65])
{
	char cmd[PATH_MAX + 64], line[256];
	snprintf(cmd, sizeof(cmd), "sha256sum '%s' 2>/dev/null", path);
	if (strchr(path, '\'') || !first_line(cmd, line, sizeof(line)) ||
	    strspn(line, "0123456789abcdef") != 64)
		return false;
	snprintf(out, 65, "%.64s", line);
	return true;
}

bool snapshot_init(const char *iso, const char *kernel, const char *qemu_sh,
		   const char *dir, char *why, size_t whylen)
{
	snap.on = false;
	if (dir)
		snprintf(snap.dir, sizeof(snap.dir), "%s", dir);
	else {
		char *slash = strrchr(iso, '/');
		snprintf(snap.dir, sizeof(snap.dir), "%.*s%ssnapshots",
			 slash ? (int)(slash - iso) : 0, iso, slash ? "/" : "");
	}
	if (!sha256(iso, snap.iso_sha256) || !sha256(qemu_sh, snap.qemu_sh_sha256)) {
		snprintf(why, whylen, "cannot compute the SHA-256 of %s or %s", iso, qemu_sh);
		return false;
	}
	if (!first_line("qemu-system-x86_64 --version 2>/dev/null", snap.qemu_version,
			sizeof(snap.qemu_version))) {
		snprintf(why, whylen, "cannot learn QEMU's version");
		return false;
	}
	snap.entry = elf_entry(kernel);
	if (snap.entry == 0) {
		snprintf(why, whylen, "%s has no x86-64 ELF entry point", kernel);
		return false;
	}
	if (mkdir(snap.dir, 0755) < 0 && errno != EEXIST) {
		snprintf(why, whylen, "cannot make %s: %s", snap.dir, strerror(errno));
		return false;
	}
	snap.run = (int)getpid();
	snap.on = true;
	return true;
}

const char *snapshot_for(const struct vm_config *cfg)
{
	if (!snap.on)
		return NULL;
	char key[2048], base[PATH_MAX + 32], path[PATH_MAX + 64], why[512];
	key_text(cfg, key, sizeof(key));
	snprintf(base, sizeof(base), "%s/%016" PRIx64, snap.dir,
		 fnv1a64(key, strlen(key), FNV_START));
	snprintf(state_path, sizeof(state_path), "%s.state", base);

	/* One test at a time checks, and if need be makes, a snapshot. */
	snprintf(path, sizeof(path), "%s.lock", base);
	int lock = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (lock < 0 || flock(lock, LOCK_EX) < 0) {
		grader_note("boot snapshot: cannot lock %s (%s): a full boot", path,
			    strerror(errno));
		if (lock >= 0)
			close(lock);
		return NULL;
	}
	const char *result = state_path;
	/* Making it failed earlier in this run (noted then): do not try
	 * again in every test. A later run tries again. */
	snprintf(path, sizeof(path), "%s.failed", base);
	FILE *failed = fopen(path, "r");
	int run = 0;
	if (failed) {
		if (fscanf(failed, "run %d", &run) != 1)
			run = 0;
		fclose(failed);
	}
	if (run == snap.run) {
		result = NULL;
	} else if (!sound(state_path, key, why, sizeof(why))) {
		if (access(state_path, F_OK) == 0)
			grader_note("boot snapshot not used: %s; made again", why);
		if (!make(cfg, state_path, key, why, sizeof(why))) {
			grader_note("boot snapshot could not be made (%s): this and later "
				    "tests of this configuration boot in full", why);
			FILE *f = fopen(path, "w");
			if (f) {
				fprintf(f, "run %d: %s\n", snap.run, why);
				fclose(f);
			}
			result = NULL;
		} else {
			unlink(path); /* a failure of an earlier run */
			prune();
		}
	}
	close(lock); /* releases the lock */
	return result;
}

bool snapshot_check(const char *state, const struct vm_config *cfg)
{
	char key[2048], why[512];
	if (!snap.on) {
		fprintf(stderr, "boot snapshots are off here\n");
		return false;
	}
	key_text(cfg, key, sizeof(key));
	size_t len = strlen(state);
	if (len < 7 || strcmp(state + len - 6, ".state") != 0) {
		fprintf(stderr, "%s is not a snapshot's state file\n", state);
		return false;
	}
	if (!sound(state, key, why, sizeof(why))) {
		fprintf(stderr, "%s\n", why);
		return false;
	}
	return true;
}
