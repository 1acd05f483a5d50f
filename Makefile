# EriX: the one Makefile (with a fragment per directory). `make help` lists
# the targets a student types.
#
# Everything is built out of tree, under $(O):
#   build/ref/      the reference system (every lab solved), the default
#   build/stageN/   stage N (make STAGE=N): labs before N solved, lab N and
#                   later replaced by their stubs (see labs/README.md)

.DEFAULT_GOAL := all
SHELL := /bin/bash
.DELETE_ON_ERROR:
.SUFFIXES:

# ---- settings ------------------------------------------------------------
BUILD ?= build
STAGE ?=
ARGS ?=
MEM ?= 128
V ?= 0

LABS := 1 2 3 4 5 6
ifneq ($(STAGE),)
  ifeq ($(filter $(STAGE),$(LABS)),)
    $(error STAGE must be one of $(LABS), not "$(STAGE)")
  endif
  O := $(BUILD)/stage$(STAGE)
  # -DLABn_SOLUTION=1 keeps lab n's reference code, =0 its stub.
  LAB_DEFS := $(shell labs/tools/lab-defs.sh $(STAGE))
else
  O := $(BUILD)/ref
  LAB_DEFS := $(shell labs/tools/lab-defs.sh 7)
endif

# A GDB port of your own, so that users sharing a machine do not collide
# (.gdbinit computes the same number).
GDBPORT := $(shell echo $$(( $$(id -u) % 5000 + 25000 )))

ifeq ($(V),0)
  Q := @
  say = @printf '  %-8s %s\n' $(1) $(2);
else
  Q :=
  say =
endif

include user/Makefrag
include kernel/Makefrag
include grader/Makefrag

# Lua 5.4 built against EriX's libc, and its test (make lua-test).
ifneq ($(wildcard labs/lua/Makefrag),)
include labs/lua/Makefrag
endif

# The master tree has labs/instructor/ (the instructor's tools: exports,
# self-checks, submission grading); student trees (make handout) do not.
# There, make check is the student's own: unit tests, boot tests, grade.
CHECK_TARGETS := unit-test boot-test grade
ifneq ($(wildcard labs/instructor/Makefrag),)
include labs/instructor/Makefrag
endif

## check      run every test (in the master tree also the kit's self-checks)
# One after the other (they share build directories), each with the -j
# given; all of them run even if one fails.
check: | deps
	@fail="" times=""; for t in $(CHECK_TARGETS); do s=$$(date +%s); \
		$(MAKE) --no-print-directory $$t || fail="$$fail $$t"; \
		times="$$times $$t $$(( $$(date +%s) - s ))s,"; done; \
	echo "make check: time per part:$${times%,}"; \
	if [ -n "$$fail" ]; then echo "make check: failed:$$fail"; exit 1; fi

# ---- the targets a student types -----------------------------------------
.PHONY: all help deps qemu qemu-gdb gdb check bench clean grade grade-list handin fuzz

## all        build the kernel and the bootable ISO (the default)
all: $(ISO) $(MKBOOTIMAGE)

## qemu       boot EriX in QEMU, serial console here (ARGS="k=v ...", MEM=MiB)
qemu: $(ISO) | deps
	$(Q)labs/tools/qemu.sh --mem $(MEM) --args "$(ARGS)" $(ISO)

## qemu-gdb   the same, but QEMU waits for GDB (make gdb, in another terminal);
##            TEST=name boots the configuration of that test's last graded run
qemu-gdb: $(ISO) $(if $(TEST),$(GRADER)) | deps
ifeq ($(TEST),)
	$(Q)labs/tools/qemu.sh --mem $(MEM) --args "$(ARGS)" --gdb $(GDBPORT) $(ISO)
else
	$(Q)[ -f $(O)/replay/$(TEST) ] || { echo "No recorded run of $(TEST): run make grade TEST=$(TEST) first."; exit 1; }
	$(Q)MEM= ARGS= CPU= PLANT= SNAPSHOT=; eval "$$(cat $(O)/replay/$(TEST))"; \
	echo "*** $(TEST): MEM=$$MEM ARGS=\"$$ARGS\" $${CPU:+CPU=$$CPU}"; \
	if [ -n "$$SNAPSHOT" ]; then \
		$(GRADER) --iso $(ISO) --kernel $(KERNEL) --snapshot-check "$$SNAPSHOT" \
			--mem "$$MEM" --args "$$ARGS" --cpu "$$CPU" 2>&1 | sed 's/^/*** /'; \
		[ $${PIPESTATUS[0]} -eq 0 ] || { echo "*** The boot snapshot that run started from is gone or no longer fits $(ISO): run make grade TEST=$(TEST) again."; exit 1; }; \
		echo "*** starting from the grader's boot snapshot, as the graded run did: the machine as GRUB left it, at the kernel's entry point"; \
	fi; \
	[ -z "$$PLANT" ] || echo "*** the grader planted \"$$PLANT\" through GDB: attach with make gdb TEST=$(TEST)"; \
	labs/tools/qemu.sh --mem "$$MEM" --args "$$ARGS" $${CPU:+--cpu "$$CPU"} \
		$${SNAPSHOT:+--incoming "$$SNAPSHOT"} --gdb $(GDBPORT) $(ISO)
endif

## gdb        attach GDB to a waiting make qemu-gdb, with the kernel's symbols;
##            TEST=name also plants what that test's graded run planted (lab 3)
gdb: | deps
ifeq ($(TEST),)
	$(Q)ERIX_KERNEL=$(KERNEL) ERIX_GDBPORT=$(GDBPORT) gdb -q -nx -x .gdbinit
else
	$(Q)[ -f $(O)/replay/$(TEST) ] || { echo "No recorded run of $(TEST): run make grade TEST=$(TEST) first."; exit 1; }
	$(Q)PLANT=; eval "$$(cat $(O)/replay/$(TEST))"; \
	ERIX_PLANT="$$PLANT" ERIX_KERNEL=$(KERNEL) ERIX_GDBPORT=$(GDBPORT) gdb -q -nx -x .gdbinit
endif


## bench      print the kernel's and the grader's costs (figures only, never asserted):
##            the null system call, the IPC round trip (fast and general path), a
##            context switch and a signal's wake-up in instructions (QEMU -icount),
##            the revoke of a long chain, boot and grade times; lab 5's servers: boot to
##            all servers up (wall), a 4 KiB file read and a spawn and reap (instructions);
##            lab 6: boot to the shell's prompt (wall), fork+exec+wait and cat | wc over
##            1 MiB (instructions), the Lua scripts' total (instructions)
bench: $(ISO) $(GRADER) $(UNIT_BIN) | deps
	$(Q)labs/tools/qemu.sh --icount --quiet --timeout 120 --args "test=bench_null" \
		--serial $(O)/bench-null.log $(ISO) >/dev/null 2>&1; \
		grep -a "bench: null system call" $(O)/bench-null.log | tr -d '\r' | \
		sed 's/^bench: /kernel: /; s/$$/ under -icount (target: under 60)/' | grep . || \
		{ echo "bench: the null system call benchmark did not run (see $(O)/bench-null.log)"; exit 1; }
	$(Q)for t in bench_ipc bench_yield bench_signal; do \
		labs/tools/qemu.sh --icount --quiet --timeout 120 --args "test=$$t" \
			--serial $(O)/$$t.log $(ISO) >/dev/null 2>&1; \
		grep -a "^bench: " $(O)/$$t.log | tr -d '\r' | sed 's/^bench: /kernel: /' | grep . || \
			{ echo "bench: $$t did not run (see $(O)/$$t.log)"; exit 1; }; \
	done | sed 's/\(IPC round trip.*\)$$/\1 (target: at most 400)/'
	$(Q)labs/tools/qemu.sh --quiet --timeout 300 --args "test=harden_revoke_chain arg0=64000" \
		--serial $(O)/bench-chain.log $(ISO) >/dev/null 2>&1; \
		tr -d '\r' <$(O)/bench-chain.log | sed -n 's/^harden: a chain of \([0-9]*\) copies revoked in one call: no error, \([0-9]*\) TSC ticks/kernel: revoke of a chain of \1 copies: \2 TSC ticks in all (61 G before it was made linear)/p' | grep . || \
		{ echo "bench: the revoke-chain benchmark did not run (see $(O)/bench-chain.log)"; exit 1; }; \
		tr -d '\r' <$(O)/bench-chain.log | sed -n 's/^preempt: \([0-9]*\) system calls stopped and run again (\([0-9]*\) units.*the longest entries: revoke \([0-9]*\),.* of all \([0-9]*\) TSC ticks (label \([0-9]*\)).*/kernel: ... stopped and run again \1 times (\2 units per entry): the longest revoke entry \3 TSC ticks with interrupts off (before preemption points: all of it in one); the longest entry of the run \4 (label \5)/p' | grep . || \
		{ echo "bench: the kernel printed no preemption figures (see $(O)/bench-chain.log)"; exit 1; }
	$(Q)labs/tools/bench-servers.sh $(ISO) $(O)
	$(Q)labs/tools/bench-posix.sh $(ISO) $(O)
	$(Q)if labs/tools/deps.sh lua >/dev/null 2>&1 && \
		labs/lua/run.sh --icount --src-dir $(O)/lua-src --build-dir $(O)/lua-test \
			>$(O)/bench-lua.log 2>&1; then \
		sed -n 's/.*instructions in all.*/posix: Lua: &/p' $(O)/bench-lua.log | head -1; \
	else echo "posix: Lua: not measured (make lua-test says why; see $(O)/bench-lua.log)"; fi
	$(Q)$(GRADER) --iso $(ISO) --kernel $(KERNEL) --bench 9
	$(Q)for full in 1 0; do \
		for i in 1 2 3; do s=$$(date +%s.%N); \
			GRADER_FULL_BOOT=$$full $(GRADER) --iso $(ISO) --kernel $(KERNEL) --unit $(UNIT_BIN) \
				--replay-dir $(O)/replay >/dev/null 2>&1; \
			awk -v e=$$(date +%s.%N) -v s=$$s 'BEGIN { print e - s }'; done | sort -n | sed -n 2p | \
			xargs printf "grader: $$([ $$full = 1 ] && echo 'full boots' || echo 'boot snapshots'): a whole make grade ($$($(GRADER) --list | wc -l) tests, $$($(GRADER) --list | grep -c full-boot) of which always boot in full, -j $$(( $$(nproc) + 1 ))): median %.1f s of 3 runs (target: 15 s)\n"; \
	done

## fuzz       the system-call fuzzer (lab 3 on): N random calls (1000000) from seed
##            SEED (the date); the kernel checks its own invariants every 4096 calls;
##            PREEMPT units of work per kernel entry (odd seeds 1-16, even 1024);
##            a million calls must reach every label and every error code
fuzz: $(ISO) | deps
	$(Q)seed=$${SEED:-$$(date +%Y%m%d)}; n=$${N:-1000000}; s=$$(date +%s.%N); \
	budget=$${PREEMPT:-$$([ $$((seed % 2)) = 1 ] && echo $$((seed % 16 + 1)) || echo 1024)}; \
	labs/tools/qemu.sh --quiet --timeout 900 --serial $(O)/fuzz.log \
		--args "test=fuzz arg0=$$seed arg1=$$n check_every=4096 preempt=$$budget" $(ISO); st=$$?; \
	secs=$$(awk -v e=$$(date +%s.%N) -v s=$$s 'BEGIN { printf "%.1f", e - s }'); \
	tr -d '\r' <$(O)/fuzz.log | grep -a '^fuzz:\|^selfcheck\|^  [A-Z(]\|^panic'; \
	calls=$$(tr -d '\r' <$(O)/fuzz.log | sed -n 's/^selfcheck: \([0-9]*\) system calls.*/\1/p'); \
	[ -n "$$calls" ] && awk -v c=$$calls -v t=$$secs 'BEGIN { printf "fuzz: %d system calls in %.1f s (boot included): %.0f a second\n", c, t, c / t }'; \
	full=$$(grep -c "labels never called: 0; error codes never returned: none" $(O)/fuzz.log); \
	[ $$n -lt 1000000 ] || [ "$$full" = 1 ] || echo "fuzz: a label or an error code was never reached in $$n calls"; \
	if [ $$st -eq 0 ] && grep -q "all 2^22 bytes back as one object: no error" $(O)/fuzz.log && \
	   grep -q "^selfcheck: .* no problem" $(O)/fuzz.log && { [ $$n -lt 1000000 ] || [ "$$full" = 1 ]; }; then \
		echo "fuzz: PASS (seed $$seed, $$n calls, $$budget units of work per kernel entry)"; \
	else echo "fuzz: FAIL (seed $$seed, status $$st; $(O)/fuzz.log): again with make fuzz SEED=$$seed N=$$n PREEMPT=$$budget"; exit 1; fi

## handin     check that your tree builds and pack it for submission
handin: | deps
	$(Q)labs/tools/handin.sh

## deps       check for the Debian packages the kit needs (install them as root)
deps:
	$(Q)labs/tools/deps.sh

## clean      remove the build directory
clean:
	rm -rf $(BUILD)

## help       this list
help:
	@echo "EriX: make TARGET [STAGE=N] [ARGS=\"key=value ...\"] [MEM=MiB] [V=1]"
	@echo
	@sed -n 's/^## \([a-z]\)/  make \1/p; s/^##  /       /p' $(MAKEFILE_LIST)
	@echo
	@echo "  STAGE=N builds lab N's stage (labs before N solved) in build/stageN."

-include $(DEPFILES)
