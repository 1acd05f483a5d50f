#!/bin/bash
# hostile-test.sh: hostile submissions graded end to end, and the sandbox
# they are built and run in, attacked directly.
#
# usage: labs/instructor/hostile-test.sh [ENTRY-GLOB...]  (from the top of
#        the master tree; with globs, only the matching entries, and the
#        box's checks only if "box" matches)
#
# 1. The corpus. Each entry is a submission made from lab N's stubs (the
#    grading kit's base tree) or from honest work (the stubs with lab 1's
#    regions filled with the reference code, as handout-test.sh does), plus
#    an attack; it must get exactly the points its honest content earns
#    (stubs + attack: the stubs' 0; a rejected archive: 0). Three are
#    controls (honest work as .tar.gz and .zip, the stubs); the entries
#    after them down to "overwrite" are attacks that a security review
#    reproduced against an older grade-submission. For every entry:
#      (a) the score, over the tests asked for (and, where it matters,
#          why: rejected, does not build; the review's verdict);
#      (b) the canaries planted outside the scratch directories (a
#          directory in /tmp, one in the master tree's build/, one in
#          $HOME; the kits' graders) are unchanged, and no file the
#          attacks try to write (pwned-NONCE-*) exists;
#      (c) no process of the attack is left (each carries the marker
#          erix-hostile-NONCE-ENTRY in its argv);
#      (d) no line of the hidden tests appears in results.json, the
#          review or the log; and grading left no scratch directory.
#    Entries are graded 2 at a time, with one kit per lab for all.
# 2. The box holds: labs/instructor/sandbox run directly with hostile
#    commands (daemons, a fork bomb, big files and allocations, the host's
#    files, the network, the time limit, who the box runs as).
#
# Ends with a table: entry, expected points, points got, seconds.
set -u
[ -d labs/instructor ] && [ -d .git ] || { echo "hostile-test: run from the top of the master tree" >&2; exit 2; }
top=$(pwd)
tools=$top/labs/instructor
# A short path: the grader's sockets live in scratch directories below it.
work=$(mktemp -d /tmp/eht.XXXXXX)
chmod 0711 "$work" # sandboxed builds and QEMUs reach their scratch in here
nonce=$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')
mark=erix-hostile-$nonce # the attacks' processes carry "$mark-ENTRY"
export BUILD_LIMIT=150   # grade-submission's build limit; an honest build takes ~15 s
J=2                      # submissions graded at a time

# The canaries: directories outside any scratch directory, each with a
# secret and a decoy "grader" for the attacks to find.
cdir=$(mktemp -d /tmp/erix-hostile-canary.XXXXXX)
mdir=$top/build/erix-hostile-canary.$nonce
hdir=${HOME:-/root}/.erix-hostile-canary.$nonce
canaries=("$cdir" "$mdir" "$hdir")
canary_files=() # and the kits' graders, once made
cleanup() {
	chmod -R u+rwX "$work" 2>/dev/null
	[ -n "${HOSTILE_TEST_KEEP:-}" ] && echo "hostile-test: kept $work" || rm -rf "$work"
	rm -rf "${canaries[@]}"
}
trap cleanup EXIT
for d in "${canaries[@]}"; do
	mkdir -p "$d/sub"
	od -An -N32 -tx1 /dev/urandom >"$d/secret"
	printf '#!/bin/sh\necho a decoy grader\n' >"$d/sub/grader"
	chmod 0755 "$d/sub/grader"
done

passed=0 failed=0
check() {
	local what=$1
	shift
	if "$@"; then passed=$((passed + 1)); echo "  PASS  $what"
	else failed=$((failed + 1)); echo "  FAIL  $what"; fi
}
have_python=""
command -v python3 >/dev/null && have_python=1
selected() { # selected NAME: the command line asks for NAME (or names nothing)
	local g
	[ ${#filters[@]} -eq 0 ] && return 0
	for g in "${filters[@]}"; do [[ "$1" == $g ]] && return 0; done
	return 1
}
filters=("$@")

echo "hostile test (nonce $nonce):"

# A distinctive line of each hidden test file (code, no quotes: JSON would
# escape those), to look for in what grading writes.
probes=()
for f in grader/hidden/lab*.c; do
	probes+=("$(awk '{ s = $0; gsub(/^[ \t]+|[ \t]+$/, "", s) }
		s !~ /["\\]/ && s !~ /^(\/\/|\/\*|\*)/ && length(s) > length(best) { best = s }
		END { print best }' "$f")")
done

# snapshot: every canary file's name, type, size, mode and sha256.
snapshot() {
	local d
	for d in "${canaries[@]}"; do
		echo "== $d"
		(cd "$d" 2>/dev/null && find . -printf '%p %y %s %m\n' | sort && find . -type f -exec sha256sum {} + | sort) ||
			echo "missing"
	done
	[ ${#canary_files[@]} -eq 0 ] || sha256sum "${canary_files[@]}" 2>&1
}
# intact: the canaries are as planted and no pwned-NONCE file exists.
intact() {
	local now
	now=$(mktemp "$work/canaries.XXXXXX")
	snapshot >"$now"
	if ! cmp -s "${before:-$work/canaries.before}" "$now"; then
		diff "${before:-$work/canaries.before}" "$now" | head -5 | sed 's/^/        /'
		rm -f "$now"
		return 1
	fi
	rm -f "$now"
	local p
	for p in /tmp "${HOME:-/root}" "$top" "$top/build"; do
		if compgen -G "$p/pwned-$nonce*" >/dev/null; then echo "        found $p/pwned-$nonce*"; return 1; fi
	done
	return 0
}
# gone MARKER: no process carries MARKER (after a moment for a dying box).
gone() {
	local i
	for i in 1 2 3 4 5 6; do
		pgrep -f -- "$1" >/dev/null || return 0
		sleep 0.5
	done
	pgrep -a -f -- "$1" | head -3 | sed 's/^/        left: /'
	return 1
}

# ---- the attacks -----------------------------------------------------------
subs=$work/subs
mkdir -p "$subs"
tree() { rm -rf "$work/t/$1"; mkdir -p "$work/t"; cp -a "$work/$2" "$work/t/$1"; echo "$work/t/$1"; }
pack() { tar -czf "$subs/$1.tar.gz" -C "$2" --exclude=./build --transform 's|^\./|submission/|' .; }

# payload ENTRY: a shell script that does everything a hostile build could
# want, were it ever run: leave daemons behind; walk /proc up to the
# grading processes and read their command lines (the kit, the results
# files, the master tree); overwrite every grader it finds and forge
# results with every point; copy the reference solutions and the hidden
# tests in; write into the canaries, /tmp, $HOME and the master tree.
payload() {
	cat <<EOF
#!/bin/bash
m=$mark-$1
tag=pwned-$nonce-$1
canaries=(${canaries[*]})
top=$top
work=$work
EOF
	cat <<'EOF'
setsid -f bash -c "exec -a $m-setsid sleep 31337" </dev/null >/dev/null 2>&1
(nohup bash -c "exec -a $m-nohup sleep 31337" </dev/null >/dev/null 2>&1 &)
forged='{"score": 100, "output": "all passed", "tests": []}'
fake=$(printf '#!/bin/sh\necho "100%%: Checks: 99, Failures: 0, Errors: 0"\n')
master="" kits=() outs=()
p=$$
while [ "${p:-0}" -gt 1 ] 2>/dev/null; do
	mapfile -d '' args <"/proc/$p/cmdline" 2>/dev/null
	for ((i = 0; i < ${#args[@]}; i++)); do
		case "${args[i]}" in
		--kit) kits+=("${args[i + 1]}") ;;
		--out | --review | --output) outs+=("${args[i + 1]}") ;;
		--out-dir) outs+=("${args[i + 1]}"/*.json) ;;
		*/labs/instructor/*) master=${args[i]%%/labs/instructor/*} ;;
		esac
	done
	cwd=$(readlink "/proc/$p/cwd")
	[ -d "$cwd/grader/hidden" ] && master=$cwd
	p=$(awk '/^PPid:/ { print $2 }' "/proc/$p/status" 2>/dev/null)
done
[ -n "$master" ] || master=$top
for g in $(find "${kits[@]}" "$work" "${canaries[@]}" .. ../.. -maxdepth 4 -name grader -type f -perm -u+x 2>/dev/null); do
	printf '%s\n' "$fake" >"$g"
done
for o in "${outs[@]}" ../results.json ../../results.json /autograder/results/results.json; do
	printf '%s\n' "$forged" >"$o" 2>/dev/null
done
cat "$master"/grader/hidden/*.c "${kits[@]/%//hidden/*.c}" >&2 2>/dev/null
for f in $(grep -rlE '^#if LAB[1-6]_SOLUTION' "$master/kernel" 2>/dev/null); do
	unifdef -DLAB1_SOLUTION=1 -DLAB2_SOLUTION=1 -DLAB3_SOLUTION=1 -o "${f#"$master"/}" "$f"
done
for d in "${canaries[@]}" /tmp "$HOME" "$master" "$master/build"; do
	echo pwned >"$d/$tag" 2>/dev/null
	cat "$d/secret" >&2 2>/dev/null
done
true
EOF
}

# inject FILE FUNCTION-REGEX TEXT: TEXT as the first line of the body of
# the function whose first line matches (its "{" on a line of its own).
inject() {
	RE=$2 TEXT=$3 awk '{ print } $0 ~ ENVIRON["RE"] { f = 1 } f && /^{$/ { print ENVIRON["TEXT"]; f = 0; n++ }
		END { exit n != 1 }' "$1" >"$1.new" && mv "$1.new" "$1"
}

make_honest() { pack honest "$work/honest1"; }
make_stubs() { pack stubs "$work/stubs1"; }

# 1. GNU make reads GNUmakefile before Makefile: its rules run the payload.
make_gnumakefile() {
	local t
	t=$(tree gnumakefile stubs1)
	payload gnumakefile >"$t/hostile.sh"
	printf '$(shell bash ./hostile.sh >&2)\nall grade handin: hostile\nhostile:\n\t@bash ./hostile.sh\ninclude Makefile\n' >"$t/GNUmakefile"
	pack gnumakefile "$t"
}

# 2. A build-time $(shell ...) in the build rules walks /proc to the grading
# process, finds the master tree, copies the solutions in and writes there.
make_shellwalk() {
	local t
	t=$(tree shellwalk stubs1)
	payload shellwalk >"$t/kernel/walk.sh"
	echo 'HOSTILE := $(shell bash kernel/walk.sh >&2)' | tee -a "$t/kernel/Makefrag" >>"$t/Makefile"
	echo 'HOSTILE := $(shell bash kernel/walk.sh >&2)' >>"$t/user/Makefrag"
	pack shellwalk "$t"
}

# 3a. Lab 3: forge the kernel's log of system calls (what lab-3 tests read)
# from code outside the exercise region of the file with syscall_decode:
# the student's decode renamed, a wrapper that marks every call a success.
make_lab3_log() {
	local t f
	t=$(tree lab3-log stubs3)
	f=$(cd "$t" && grep -l '^int syscall_decode(' $(cat "$work/kit3/editable.txt") 2>/dev/null | head -1)
	[ -n "$f" ] || return 1
	awk '
		/^int syscall_decode\(/ && !done {
			print "int hostile_decode(const struct user_regs *r, struct invocation *inv);"
			print "#define syscall_decode hostile_decode"; infn = 1
		}
		{ print }
		infn && /^}/ {
			infn = 0; done = 1
			print "#undef syscall_decode"
			print "/* every logged call answered as the tests expect: success */"
			print "int syscall_decode(const struct user_regs *r, struct invocation *inv)"
			print "{"
			print "\tint err = hostile_decode(r, inv);"
			print "\tfor (unsigned i = 0; i < SYSCALL_LOG_SIZE; i++)"
			print "\t\tsyscall_log[i].result = 0;"
			print "\treturn err;"
			print "}"
		}' "$t/$f" >"$t/$f.new" && mv "$t/$f.new" "$t/$f"
	grep -q hostile_decode "$t/$f" && pack lab3-log "$t"
}

# 3b. Lab 3: the kernel's tree checker that always finds nothing, on the
# stubs (cdt_revoke's stub included); wherever cdt_check lives now.
make_lab3_cdtcheck() {
	local t f
	t=$(tree lab3-cdtcheck stubs3)
	f=$(cd "$t" && grep -rl '^int cdt_check(void)' kernel | head -1)
	[ -n "$f" ] || return 1
	inject "$t/$f" '^int cdt_check\(void\)' '	return 0; /* hostile: no problem, ever */' || return 1
	grep -qxF "$f" "$work/kit3/editable.txt" && E_REVIEW[lab3-cdtcheck]=needed
	pack lab3-cdtcheck "$t"
}

# 4. Symlinks: user -> /, one to a canary directory, and a file written
# through it further down the archive.
make_symlink() {
	local t
	t=$(tree symlink honest1)
	rm -rf "$t/user"
	ln -s / "$t/user"
	ln -s "$cdir" "$t/kernel/canary"
	echo pwned >"$work/t/evil"
	tar -cf "$subs/symlink.tar" -C "$t" --transform 's|^\./|submission/|' . &&
		tar -rf "$subs/symlink.tar" -C "$work/t" --transform "s|^evil\$|submission/kernel/canary/pwned-$nonce-symlink|" evil &&
		gzip -f "$subs/symlink.tar"
}

# 5. The hidden tests pulled into the kernel by the assembler, by the
# relative path of the master tree's layout and by its absolute path.
make_incbin() {
	local t
	t=$(tree incbin honest1)
	cat >>"$t/kernel/format.c" <<EOF
__asm__(".pushsection .rodata\n.incbin \"grader/hidden/lab1.c\"\n.popsection");
__asm__(".pushsection .rodata\n.incbin \"$top/grader/hidden/lab1.c\"\n.popsection");
EOF
	pack incbin "$t"
}

# 5b. The same, only where the hidden tests are visible to the build
# (__has_include): when they are not, the work is honest and earns its
# points; when they are, the build breaks on purpose (a probe).
make_include_probe() {
	local t
	t=$(tree include-probe honest1)
	cat >>"$t/kernel/cmdline.c" <<EOF
#if __has_include("../grader/hidden/lab1.c") || __has_include("../../grader/hidden/lab1.c") || \\
    __has_include("$top/grader/hidden/lab1.c") || __has_include("$work/kit1/hidden/lab1.c")
__asm__(".pushsection .rodata\n.incbin \"$top/grader/hidden/lab1.c\"\n.popsection");
#error "the hidden tests are visible to the build"
#endif
EOF
	pack include-probe "$t"
}

# 6. A read-only directory and an unreadable file, on honest work.
make_readonly() {
	local t
	t=$(tree readonly honest1)
	chmod 000 "$t/kernel/cmdline.c"
	chmod 555 "$t/kernel/arch/x86_64" "$t/kernel"
	pack readonly "$t"
	chmod 755 "$t/kernel/arch/x86_64" "$t/kernel"
}

# 7. Daemons started by the build rules, meant to outlive grading.
make_setsid() {
	local t
	t=$(tree setsid stubs1)
	payload setsid >"$t/daemon.sh"
	printf '$(shell setsid -f bash -c "exec -a %s sleep 31337" </dev/null >/dev/null 2>&1)\n$(shell bash ./daemon.sh >/dev/null 2>&1)\ninclude Makefile\n' \
		"$mark-setsid-make" >"$t/GNUmakefile"
	printf '$(shell setsid -f bash -c "exec -a %s sleep 31337" </dev/null >/dev/null 2>&1)\n' \
		"$mark-setsid-makefrag" >>"$t/kernel/Makefrag"
	pack setsid "$t"
}

# 8a. A flood of build output: from the build rules (ignored) and from the
# compiler itself, which an editable file can make talk: a 400 KiB
# #pragma message in a file that includes itself 80 deep (66 MB of notes
# per compile, and format.c is compiled twice; notes are not errors, so
# the honest work still builds).
make_flood() {
	local t
	t=$(tree flood honest1)
	{
		echo '#if __INCLUDE_LEVEL__ < 80'
		echo '#include "format.c"'
		echo '#endif'
		printf '#pragma message "%s"\n' "$(head -c 409600 /dev/zero | tr '\0' F)"
		echo '#if __INCLUDE_LEVEL__ == 0'
		cat "$work/honest1/kernel/format.c"
		echo '#endif'
	} >"$t/kernel/format.c"
	printf 'all grade:\n\t@yes hostile-flood | head -c 200000000\ninclude Makefile\n' >"$t/GNUmakefile"
	mkdir -p "$work/batch"
	tar -czf "$work/batch/flood.tar.gz" -C "$t" --transform 's|^\./|submission/|' .
}

# 8b. Graded in the same batch: one that tries to write the other's
# results (0 points) and its own (every point), from its build rules.
make_overwrite() {
	local t
	t=$(tree overwrite stubs1)
	payload overwrite >"$t/hostile.sh"
	cat >>"$t/hostile.sh" <<EOF
for d in . .. ../.. $work/batch-out; do
	echo '{"score": 0, "tests": []}' >"\$d/flood.json" 2>/dev/null
	echo '{"score": 100, "tests": []}' >"\$d/overwrite.json" 2>/dev/null
done
EOF
	printf '$(shell bash ./hostile.sh >&2)\ninclude Makefile\n' >"$t/GNUmakefile"
	echo 'HOSTILE := $(shell bash hostile.sh >&2)' >>"$t/kernel/Makefrag"
	tar -czf "$work/batch/overwrite.tar.gz" -C "$t" --transform 's|^\./|submission/|' .
}

# A hard link in the archive.
make_hardlink() {
	local t
	t=$(tree hardlink honest1)
	ln "$t/kernel/format.c" "$t/kernel/format-again.c"
	pack hardlink "$t"
}

# A ".." path that climbs out of the unpacking directory to /tmp.
make_dotdot() {
	local t up
	t=$(tree dotdot honest1)
	up=$(printf '../%.0s' $(seq 16))
	echo pwned >"$work/t/evil"
	tar -cf "$subs/dotdot.tar" -C "$t" --transform 's|^\./|submission/|' . &&
		tar -rf "$subs/dotdot.tar" -P -C "$work/t" --transform "s|^evil\$|submission/${up}tmp/pwned-$nonce-dotdot|" evil &&
		gzip -f "$subs/dotdot.tar"
}

# An absolute path into a canary directory.
make_absolute() {
	local t
	t=$(tree absolute honest1)
	echo pwned >"$work/t/evil"
	tar -cf "$subs/absolute.tar" -C "$t" --transform 's|^\./|submission/|' . &&
		tar -rf "$subs/absolute.tar" -P -C "$work/t" --transform "s|^evil\$|$cdir/pwned-$nonce-absolute|" evil &&
		gzip -f "$subs/absolute.tar"
}

# Honest work as a .zip (the control for the .zip entries).
make_zip_honest() {
	(cd "$work/honest1/.." && rm -rf submission && cp -a honest1 submission &&
		zip -qr "$subs/zip-honest.zip" submission && rm -rf submission)
}

# A .zip with symlinks (stored as links: zip -y).
make_zip_symlink() {
	local t
	t=$(tree zip-symlink honest1)
	rm -rf "$t/user"
	ln -s / "$t/user"
	ln -s "$cdir" "$t/kernel/canary"
	mv "$t" "$work/t/submission"
	(cd "$work/t" && zip -qry "$subs/zip-symlink.zip" submission)
	mv "$work/t/submission" "$t"
}

# A kernel that prints what a naive grader looks for: PASS lines, Check's
# summary, the grader's total, GDB/MI records; on the stubs.
make_fake_pass() {
	local t
	t=$(tree fake-pass stubs1)
	sed -i '0,/^#include/ s/^#include.*/&\n#include "kprintf.h"/' "$t/kernel/cmdline.c"
	inject "$t/kernel/cmdline.c" '^static int split_options\(' "$(cat <<'EOF'
	kprintf("lab1_kprintf_decimal PASS\nlab1_cmdline_options PASS\n"
		"100%%: Checks: 12, Failures: 0, Errors: 0\n"
		"total: 100/100 points, 12 of 12 tests passed\n"
		"*stopped,reason=\"exited-normally\"\n^done\n");
EOF
)" && pack fake-pass "$t"
}

# The stubs, with code for the host build only (HOST_TEST) that prints
# Check's summary and ends the unit-test program before a test runs. The
# graded unit suites take their verdict from inside that program
# (grader/hostunit.h), so this forges them: the known limit. It must earn
# the forged suites and nothing else, and the review must flag it.
make_unit_forge() {
	local t
	t=$(tree unit-forge stubs1)
	cat >>"$t/kernel/format.c" <<'EOF'
#ifdef HOST_TEST
#include <stdio.h>
#include <unistd.h>
__attribute__((constructor)) static void forge(void)
{
	printf("100%%: Checks: 90, Failures: 0, Errors: 0\n");
	fflush(stdout);
	_exit(0);
}
#endif
EOF
	pack unit-forge "$t"
}

# A kernel ELF with an inline Python script in .debug_gdb_scripts (GDB
# runs those when it auto-loads): it writes into a canary directory and
# starts a daemon. Put inside an exercise region of honest work.
gdb_script_asm() { # gdb_script_asm FILE [MARKER]: one C statement, on one line
	sed -e "s|@FILE@|$1|" -e "s|@MARKER@|${2:-}|g" <<'EOF' | tr -d '\n'
__asm__(".pushsection .debug_gdb_scripts, \"MS\", @progbits, 1\n.byte 4\n"
	".ascii \"erix-hostile\\n\"\n"
	".ascii \"import subprocess\\n\"\n"
	".ascii \"open('@FILE@', 'w').write('gdb ran the script')\\n\"\n"
	".ascii \"if '@MARKER@': subprocess.Popen(['bash', '-c', 'exec -a @MARKER@ sleep 31337'])\\n\"\n"
	".byte 0\n.popsection");
EOF
	echo
}
make_gdb_scripts() {
	local t
	t=$(tree gdb-scripts honest1)
	inject "$t/kernel/cmdline.c" '^static int split_options\(' \
		"	$(gdb_script_asm "$cdir/pwned-$nonce-gdb-scripts" "$mark-gdb-scripts")" &&
		pack gdb-scripts "$t"
}

# More files than grade-submission takes (20000).
make_many_files() {
	local t
	t=$(tree many-files honest1)
	mkdir "$t/junk"
	(cd "$t/junk" && seq 20001 | xargs touch)
	pack many-files "$t"
}

# A zip bomb as a .tar.gz: 260 MiB of zeros (the limit is 256 MiB).
make_bomb() {
	local t
	t=$(tree bomb honest1)
	truncate -s 260M "$t/zeros"
	pack bomb "$t"
}

# The same bomb, its owner named "a b c" and group "d e": in `tar -tv`,
# every column after the owner moves right.
make_bomb_owner() {
	local t
	t=$(tree bomb-owner honest1)
	truncate -s 260M "$t/zeros"
	tar -czf "$subs/bomb-owner.tar.gz" -C "$t" --owner='a b c:1000' --group='d e:1000' \
		--transform 's|^\./|submission/|' .
}

# The bomb as a .zip entry "made on VMS": zipinfo lists such entries in
# another format (RWED attributes, one column fewer).
make_zip_vms() {
	local t
	t=$(tree zip-vms honest1)
	mv "$t" "$work/t/submission"
	(cd "$work/t" && zip -qr "$subs/zip-vms.zip" submission)
	mv "$work/t/submission" "$t"
	python3 - "$subs/zip-vms.zip" <<'EOF'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], 'a', zipfile.ZIP_DEFLATED) as z:
    zi = zipfile.ZipInfo('submission/zeros')
    zi.create_system = 2               # VMS
    zi.external_attr = 0o100644 << 16
    zi.compress_type = zipfile.ZIP_DEFLATED
    with z.open(zi, 'w', force_zip64=True) as f:
        block = bytes(1 << 20)
        for _ in range(260):
            f.write(block)
EOF
}

# An editable file past grade-submission's limit (1 MiB).
make_big_editable() {
	local t
	t=$(tree big-editable honest1)
	head -c $((2 << 20)) /dev/zero | tr '\0' '\n' >>"$t/kernel/format.c"
	pack big-editable "$t"
}

# File names that break scripts which word-split, glob or take options:
# command substitutions, a leading dash, a newline, globs; on honest work.
make_odd_names() {
	local t n
	t=$(tree odd-names honest1)
	for n in "\$(cd; touch pwned-$nonce-odd-names)" "-rf" "--help" "*" "a
b.c" "; exec -a $mark-odd-names sleep 31337 #" "\`exec -a $mark-odd-names sleep 31337\`" ' '; do
		echo odd >"$t/$n"
		echo odd >"$t/kernel/$n"
	done
	pack odd-names "$t"
}

# A compiler that reads forever: #include "/dev/zero" in an editable file
# (the build's memory and time limits end it).
make_devzero() {
	local t
	t=$(tree devzero honest1)
	echo '#include "/dev/zero"' >>"$t/kernel/multiboot.c"
	pack devzero "$t"
}

# ---- the corpus: entry NAME LAB WANT REVIEW WHY TESTS -----------------------
# WANT: the points the honest content earns: "all" (every point of the
# tests run) or a number. REVIEW: the review's verdict, needed or clean;
# note: only shown; -: not looked at.
# WHY: a regular expression results.json's output must match, or -.
# TESTS: --test globs, space-separated (none: every test of labs 1..LAB).
declare -A E_LAB E_WANT E_REVIEW E_WHY E_TESTS E_SUB E_BATCH
order=()
entry() {
	order+=("$1")
	E_LAB[$1]=$2 E_WANT[$1]=$3 E_REVIEW[$1]=$4 E_WHY[$1]=$5 E_TESTS[$1]=${6:-}
	E_SUB[$1]=$subs/$1.tar.gz
}
T1='lab1_kprintf_decimal lab1_kprintf_fields lab1_cmdline_options' # one hidden
T3='lab3_syscall_abi lab3_revoke_endpoint'
entry honest 1 all clean -
entry stubs 1 0 clean - "$T1"
entry zip-honest 1 all clean - "$T1"
E_SUB[zip-honest]=$subs/zip-honest.zip
entry gnumakefile 1 0 clean - "$T1"
entry shellwalk 1 0 clean - "$T1"
entry lab3-log 3 0 needed - "$T3"
entry lab3-cdtcheck 3 0 - - "$T3"
entry symlink 1 0 - 'rejected: it holds a link'
entry incbin 1 0 needed 'does not build'
entry readonly 1 all clean - "$T1"
entry setsid 1 0 clean - "$T1"
entry flood 1 all needed -
entry overwrite 1 0 clean -
entry hardlink 1 0 - 'rejected: it holds a link'
entry dotdot 1 0 - 'rejected: it holds an absolute or "\.\." path'
entry absolute 1 0 - 'rejected: it holds an absolute or "\.\." path'
entry zip-symlink 1 0 - 'rejected: it holds a link'
E_SUB[zip-symlink]=$subs/zip-symlink.zip
entry fake-pass 1 0 needed - "$T1"
entry unit-forge 1 3 needed - 'lab1_unit_format lab1_kprintf_decimal'
entry gdb-scripts 1 all note - "$T1"
entry include-probe 1 all needed - "$T1"
entry many-files 1 0 - 'rejected: it holds more than 20000 files'
entry bomb 1 0 - 'rejected: it holds more than [0-9]+ bytes'
entry bomb-owner 1 0 - 'rejected: it holds more than [0-9]+ bytes'
entry zip-vms 1 0 - 'rejected'
E_SUB[zip-vms]=$subs/zip-vms.zip
entry big-editable 1 0 - 'rejected: kernel/format.c is larger'
entry odd-names 1 all clean - "$T1"
entry devzero 1 0 - 'does not build|ran over'
E_BATCH[flood]=1 E_BATCH[overwrite]=1

# ---- 2. the box holds ----------------------------------------------------------
# box_checks: the sandbox run directly with hostile commands. It runs in
# the background while the kits are made and the entries graded (its
# markers and canary snapshot are its own); its lines are shown at the end.
box() { "$tools/sandbox" "$@"; }
box_checks() {
	mb=$mark-box
	if [ "$(id -u)" -eq 0 ]; then
		u=$(box -- id -u)
		check "it runs as a throwaway uid ($u): not root, not in /etc/passwd" \
			eval '[ -n "$u" ] && [ "$u" -ne 0 ] && ! getent passwd "$u" >/dev/null'
	else
		echo "  SKIP  the throwaway uid: only when grading as root"
	fi
	out=$(box -- bash -c '
		for p in "$@"; do [ -e "$p" ] && echo "sees $p"; done
		for d in "$@"; do cat "$d/secret" 2>/dev/null && echo "reads $d/secret"; done
		for d in "$@" /usr; do echo x 2>/dev/null >"$d/pwned-'"$nonce"'-box" && echo "writes $d"; done
		true' _ "$cdir" "$mdir" "$hdir" "$top" "$work" /root "${HOME:-/root}" 2>/dev/null)
	check "it sees, reads and writes none of: /tmp's canary, the master tree, \$HOME, /root, the kits, /usr${out:+ ($(echo $out))}" \
		eval '[ -z "$out" ] && intact'
	n=$(box -- bash -c 'ls -d /proc/[0-9]* | wc -l')
	check "it sees only its own processes ($n in its /proc)" eval '[ -n "$n" ] && [ "$n" -le 6 ]'
	n=$(env "ERIX_HOSTILE_SECRET=$nonce" "$tools/sandbox" -- env | grep -c "$nonce")
	check "its environment is clean: the caller's variables do not get in" test "$n" = 0
	check "it cannot make user namespaces of its own" eval '! box -- unshare -U true 2>/dev/null'

	devs=$(box -- cat /proc/net/dev | awk -F: 'NR > 2 { gsub(/ /, "", $1); printf "%s ", $1 }')
	check "its network is loopback only (interfaces: $devs)" test "$devs" = "lo "
	if [ -n "$have_python" ]; then
		python3 -c '
import socket, sys, time
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(8)
open(sys.argv[1], "w").write("%d\n" % s.getsockname()[1])
s.settimeout(1); n = 0; end = time.time() + 30
while time.time() < end:
    try: c, _ = s.accept(); n += 1; open(sys.argv[2], "w").write("%d\n" % n); c.close()
    except socket.timeout: pass
' "$work/port" "$work/accepted" &
		listener=$!
		for _ in $(seq 20); do [ -s "$work/port" ] && break; sleep 0.2; done
		port=$(cat "$work/port" 2>/dev/null)
		(exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null
		out=$(box --time 20 -- bash -c "
			(exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && echo 'reaches the host listener'
			(exec 3<>/dev/tcp/192.0.2.1/80) 2>/dev/null && echo 'reaches 192.0.2.1'
			(exec 3<>/dev/tcp/1.1.1.1/53) 2>/dev/null && echo 'reaches 1.1.1.1'
			true")
		sleep 1.5
		check "it cannot connect out: a listener on the host's 127.0.0.1:$port takes the host's connection only${out:+ ($out)}" \
			eval '[ -z "$out" ] && [ "$(cat "$work/accepted" 2>/dev/null)" = 1 ]'
		kill "$listener" 2>/dev/null
		wait "$listener" 2>/dev/null
	fi

	out=$(echo "setsid -f bash -c 'exec -a $mb-setsid sleep 31337' </dev/null >/dev/null 2>&1
		(nohup bash -c 'exec -a $mb-nohup sleep 31337' </dev/null >/dev/null 2>&1 &)
		(bash -c 'exec -a $mb-disowned sleep 31337' & disown) </dev/null >/dev/null 2>&1
		sleep 1; pgrep -c -f $mb" | box -- bash -s)
	check "daemons (setsid, nohup, disowned) ran in it ($out of 3) and are gone when it returns" \
		eval '[ "$out" = 3 ] && gone "$mb"'

	rm -f "$work/bomb.done"
	(
		max=0
		while [ ! -e "$work/bomb.done" ]; do
			n=$(pgrep -c -f "$mb-bomb")
			[ "$n" -gt "$max" ] && max=$n && echo "$max" >"$work/bomb.max"
			sleep 0.1
		done
	) &
	sampler=$!
	t0=$SECONDS
	echo "exec -a $mb-bomb bash -c 'b() { b | b & }; b; sleep 6; exit 7'" |
		box --nproc 64 --time 15 -- bash -s >/dev/null 2>&1
	rc=$? dt=$((SECONDS - t0))
	touch "$work/bomb.done"
	wait "$sampler"
	max=$(cat "$work/bomb.max" 2>/dev/null || echo 0)
	check "a fork bomb is held to --nproc 64 (at most $max processes seen), ends (status $rc, ${dt} s) and leaves nothing" \
		eval '[ "$max" -gt 8 ] && [ "$max" -le 64 ] && [ "$dt" -le 20 ] && gone "$mb-bomb" && bash -c true'

	sz=$(box --fsize 16 -- bash -c 'head -c 48M /dev/zero >/work/big 2>/dev/null; stat -c %s /work/big' 2>/dev/null)
	check "a 48 MiB write stops at --fsize 16 MiB ($sz bytes)" eval '[ -n "$sz" ] && [ "$sz" -le $((16 << 20)) ]'
	sz=$(box --work 32 -- bash -c 'for i in 1 2 3 4; do head -c 16M /dev/zero >/work/f$i 2>/dev/null; done
		cat /work/f* | wc -c' 2>/dev/null)
	check "its /work holds at most --work 32 MiB ($sz bytes written of 64 MiB)" \
		eval '[ -n "$sz" ] && [ "$sz" -le $((32 << 20)) ]'
	if box -- python3 -c 'pass' 2>/dev/null; then
		if [ "$(id -u)" -eq 0 ] && [ -w /sys/fs/cgroup/memory ]; then
			out=$(box --mem 64 -- python3 -c 'b = b"x" * (512 << 20); print("allocated")' 2>/dev/null)
			check "a 512 MiB allocation fails under --mem 64 (the memory cgroup)" test -z "$out"
		fi
		out=$(box --as 256 -- python3 -c 'b = b"x" * (512 << 20); print("allocated")' 2>/dev/null)
		check "a 512 MiB allocation fails under --as 256 (RLIMIT_AS)" test -z "$out"
	fi

	t0=$SECONDS
	echo "exec -a $mb-time sleep 31337" | box --time 2 -- bash -s
	rc=$? dt=$((SECONDS - t0))
	check "--time 2 ends a sleeping command: status $rc (124), after $dt s, nothing left" \
		eval '[ "$rc" = 124 ] && [ "$dt" -le 6 ] && gone "$mb-time"'

	# The gdb-scripts entry's control: GDB on this host does run such a
	# section's script when it may auto-load (so the entry tests something).
	if command -v gdb >/dev/null && command -v gcc >/dev/null; then
		{ echo 'void f(void) {'; gdb_script_asm "$work/control-ran" ""; echo '}'; } >"$work/control.c"
		gcc -c -o "$work/control.o" "$work/control.c" 2>"$work/control.log" &&
			gdb -batch -nx -iex 'set auto-load safe-path /' -ex "file $work/control.o" >>"$work/control.log" 2>&1
		if [ -e "$work/control-ran" ]; then
			echo "  (control: a GDB allowed to auto-load runs the gdb-scripts entry's kind of script)"
		else
			echo "  NOTE  control: this GDB did not run an inline .debug_gdb_scripts script even when allowed:"
			echo "        the gdb-scripts entry proves less here"
		fi
	fi
}

if selected box; then
	snapshot >"$work/canaries.box"
	(before=$work/canaries.box box_checks >"$work/box.out" 2>&1) &
	box_pid=$!
fi

# ---- the kits, and the trees attacks are made from --------------------------
# One kit per lab that a selected entry needs, made side by side.
labs_needed=$(for e in "${order[@]}"; do selected "$e" && echo "${E_LAB[$e]}"; done | sort -u)
kit_pids=()
for n in $labs_needed; do
	"$tools/grading-kit.sh" "$n" "$work/kit$n" >"$work/kit$n.log" 2>&1 &
	kit_pids+=($!)
done
[ ${#kit_pids[@]} -eq 0 ] || wait "${kit_pids[@]}"
kit_ok=()
for n in $labs_needed; do
	check "the lab-$n grading kit is made" eval '[ -x "$work/kit$n/grader" ] || { tail -5 "$work/kit$n.log" | sed "s/^/        /"; false; }'
	[ -x "$work/kit$n/grader" ] && kit_ok[n]=1
done
canary_files=("$work"/kit?/grader)

defs=(-DLAB1_SOLUTION=1 -DLAB2_SOLUTION=0 -DLAB3_SOLUTION=0 -DLAB4_SOLUTION=0 -DLAB5_SOLUTION=0 -DLAB6_SOLUTION=0)
if [ -n "${kit_ok[1]:-}" ]; then
	cp -a "$work/kit1/base" "$work/stubs1"
	cp -a "$work/kit1/base" "$work/honest1"
	for f in $(grep -rlE '^#if LAB1_SOLUTION' kernel user); do
		unifdef "${defs[@]}" -o "$work/honest1/$f" "$f" # 1: changed
	done
fi
[ -n "${kit_ok[3]:-}" ] && cp -a "$work/kit3/base" "$work/stubs3"

snapshot >"$work/canaries.before"

# Set up the selected entries; one that cannot be set up fails.
todo=()
for e in "${order[@]}"; do
	selected "$e" || continue
	if [ -z "${kit_ok[${E_LAB[$e]}]:-}" ]; then
		check "$e: set up (no lab-${E_LAB[$e]} kit)" false
		continue
	fi
	if [ "$e" = zip-vms ] && [ -z "$have_python" ]; then
		echo "  SKIP  zip-vms: no python3 to write the archive"
		continue
	fi
	if ! "make_${e//-/_}" >"$work/make-$e.log" 2>&1; then
		check "$e: set up" false
		continue
	fi
	todo+=("$e")
done

# ---- grading -------------------------------------------------------------------
res=$work/res
mkdir -p "$res"
declare -A T0 SECS
now() { date +%s.%N; }
# grade ENTRY: grade-submission on it, in the background; ENTRY.rc when
# done. Its scratch directory goes in $work/s/N (N: a short number).
declare -A SCRATCH
nscratch=0
grade() {
	local e=$1 globs=() g
	for g in ${E_TESTS[$e]}; do globs+=(--test "$g"); done
	SCRATCH[$e]=$work/s/$((nscratch++))
	mkdir -m 0711 -p "${SCRATCH[$e]}"
	T0[$e]=$(now)
	(
		TMPDIR=${SCRATCH[$e]} "$tools/grade-submission" --lab "${E_LAB[$e]}" --kit "$work/kit${E_LAB[$e]}" \
			"${globs[@]}" --out "$res/$e.json" --review "$res/$e.review" "${E_SUB[$e]}" >"$res/$e.log" 2>&1
		echo $? >"$res/$e.rc"
	) &
}

# verify ENTRY: checks (a) to (d) on a graded entry.
verify() {
	local e=$1 json=$res/$1.json got want ntests nwant globs=() g k labs=() leaked=""
	for g in ${E_TESTS[$e]}; do globs+=(--test "$g"); done
	for k in $(seq 1 "${E_LAB[$e]}"); do labs+=(--lab "$k"); done
	nwant=$("$work/kit${E_LAB[$e]}/grader" --list "${labs[@]}" "${globs[@]}" | wc -l)
	want=${E_WANT[$e]}
	[ "$want" = all ] && want=$("$work/kit${E_LAB[$e]}/grader" --list "${labs[@]}" "${globs[@]}" |
		awk '{ s += $4 } END { print s + 0 }')
	E_WANT[$e]=$want
	got=$(jq -r .score "$json" 2>/dev/null)
	ntests=$(jq '[.tests[] | select(.name | startswith("review:") | not)] | length' "$json" 2>/dev/null)
	GOT[$e]=${got:-none}
	check "$e: $want points over $nwant tests (got ${got:-no results.json}, $ntests tests)" \
		eval '[ "$got" = "$want" ] && [ "$ntests" = "$nwant" ]'
	if [ "${E_WHY[$e]}" != - ]; then
		check "$e: ... because: ${E_WHY[$e]}" eval 'jq -r .output "$json" | grep -qE -- "${E_WHY[$e]}"'
	fi
	case "${E_REVIEW[$e]}" in
	needed) check "$e: the review says \"review needed\"" grep -q 'Verdict: review needed' "$res/$e.review" ;;
	clean) check "$e: the review says \"nothing to review\"" grep -q 'Verdict: nothing to review' "$res/$e.review" ;;
	note) echo "  NOTE  $e: the review's $(grep -o 'Verdict: [a-z ]*' "$res/$e.review" 2>/dev/null || echo 'verdict: none')" ;;
	esac
	check "$e: the canaries are intact, nothing written outside" intact
	check "$e: no process of it is left" gone "$mark-$e"
	for p in "${probes[@]}"; do
		grep -rqF -- "$p" "$json" "$res/$e.review" "$res/$e.log" 2>/dev/null && leaked+="'${p:0:40}...' "
	done
	check "$e: no hidden test text in its results, review or log${leaked:+ (found $leaked)}" test -z "$leaked"
	if [ -z "${E_BATCH[$e]:-}" ]; then
		check "$e: no scratch directory left" eval '[ -z "$(ls -A "${SCRATCH[$e]}")" ]'
	fi
}
declare -A GOT

# 8. The batch pair first, alone: it grades two at a time itself.
if [ -e "$work/batch/flood.tar.gz" ] && [ -e "$work/batch/overwrite.tar.gz" ]; then
	echo "grading the batch (flood, overwrite):"
	mkdir -m 0711 -p "$work/s/b" "$work/batch-out"
	t0=$(now)
	TMPDIR=$work/s/b "$tools/grade-submission" --lab 1 --kit "$work/kit1" --batch "$work/batch" \
		--out-dir "$work/batch-out" -j 2 >"$work/batch.log" 2>&1
	t1=$(now)
	for e in flood overwrite; do
		for x in json log; do cp "$work/batch-out/$e.$x" "$res/$e.$x" 2>/dev/null; done
		cp "$work/batch-out/$e.review.txt" "$res/$e.review" 2>/dev/null
		SECS[$e]=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f (both)", b - a }')
		verify "$e"
	done
	check "flood: its log and results stay small ($(du -b "$res/flood.log" "$res/flood.json" 2>/dev/null | awk '{ printf "%s ", $1 }')bytes)" \
		eval '[ "$(stat -c %s "$res/flood.log")" -lt $((2 << 20)) ] && [ "$(stat -c %s "$res/flood.json")" -lt $((1 << 20)) ]'
	check "batch: no scratch directory left" eval '[ -z "$(ls -A "$work/s/b")" ]'
	todo=($(printf '%s\n' "${todo[@]}" | grep -vxE 'flood|overwrite'))
elif selected flood || selected overwrite; then
	check "the batch pair (flood, overwrite) is set up" false
	todo=($(printf '%s\n' "${todo[@]}" | grep -vxE 'flood|overwrite'))
fi

# The rest, J at a time, each checked as soon as it is done; the slowest
# first.
todo=($(printf '%s\n' "${todo[@]}" | grep -xE 'devzero|honest|lab3-.*')
      $(printf '%s\n' "${todo[@]}" | grep -vxE 'devzero|honest|lab3-.*'))
echo "grading ${#todo[@]} entries, $J at a time:"
running=()
next=0
while [ "$next" -lt ${#todo[@]} ] || [ ${#running[@]} -gt 0 ]; do
	while [ ${#running[@]} -lt "$J" ] && [ "$next" -lt ${#todo[@]} ]; do
		grade "${todo[next]}"
		running+=("${todo[next]}")
		next=$((next + 1))
	done
	sleep 0.5
	still=()
	for e in "${running[@]}"; do
		if [ -e "$res/$e.rc" ]; then
			SECS[$e]=$(awk -v a="${T0[$e]}" -v b="$(now)" 'BEGIN { printf "%.0f", b - a }')
			verify "$e"
		else
			still+=("$e")
		fi
	done
	running=("${still[@]}")
done

if [ -n "${box_pid:-}" ]; then
	wait "$box_pid"
	echo "the box holds:"
	cat "$work/box.out"
	passed=$((passed + $(grep -c '^  PASS ' "$work/box.out")))
	failed=$((failed + $(grep -c '^  FAIL ' "$work/box.out")))
fi
all_graded() {
	local e
	for e in "${todo[@]}"; do [ -n "${GOT[$e]:-}" ] || { echo "        not graded: $e"; return 1; }; done
}
check "in the end: every entry set up was graded" all_graded
check "in the end: the canaries are intact" intact
check "in the end: no process of any attack is left" gone "$mark"

echo
printf '  %-15s %3s %9s %5s %8s\n' entry lab expected got seconds
for e in "${order[@]}"; do
	selected "$e" || continue
	printf '  %-15s %3s %9s %5s %8s\n' "$e" "${E_LAB[$e]}" "${E_WANT[$e]}" "${GOT[$e]:-skipped}" "${SECS[$e]:--}"
done
if [ "$failed" -gt 0 ] || [ -n "${HOSTILE_TEST_VERBOSE:-}" ]; then
	for f in "$work"/kit?.log "$work"/make-*.log "$work"/batch.log "$res"/*.log; do
		[ -s "$f" ] || continue
		echo "--- $(basename "$f")"
		tail -c 2000 "$f" | tail -8
	done
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
