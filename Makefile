# Waymark build: one binary (build/waymark), cmocka unit tests, store suite on
# SQLite and PostgreSQL, API and browser tests. See README.md and docs/.
.SUFFIXES:
SHELL := /bin/bash
BUILD ?= build
CC ?= gcc
PKGS := libmicrohttpd jansson sqlite3 libpq libsodium xlsxwriter
VERSION := $(shell git describe --always --dirty 2>/dev/null || echo 0.1.0)
OPT ?= -O2
CFLAGS_BASE := -std=c17 -D_GNU_SOURCE -Wall -Wextra -Wmissing-prototypes -Wshadow -Werror -Wno-missing-field-initializers -g $(OPT) -Isrc -I$(BUILD)/gen \
  -MMD -MP
ifdef SAN
CFLAGS_BASE += -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
LDFLAGS += -fsanitize=address,undefined
endif
# FAULT=1: allocation fault injection (src/util/fault.c, make fault-test).
ifdef FAULT
CFLAGS_BASE += -DWAYMARK_FAULT
LDFLAGS += -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=strdup,--wrap=strndup
endif
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lglpk -lpthread -lm
CFLAGS := $(CFLAGS_BASE) $(PKG_CFLAGS) $(EXTRA_CFLAGS)

SRCS := $(shell find src -name '*.c' | sort)
MAIN_SRC := src/cli/main.c
LIB_SRCS := $(filter-out $(MAIN_SRC),$(SRCS))
LIB_OBJS := $(LIB_SRCS:%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/gen/embed.o
EMBED_FILES := $(sort $(wildcard sql/migrations/*.sql) $(shell find data -name '*.csv' -o -name '*.json' 2>/dev/null))
UNIT_SRCS := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)
STORE_BIN := $(BUILD)/tests/store_suite

.PHONY: all deps run test test-only check-style unit store-test store-test-sqlite store-test-pg api-test browser-test \
  check-sanitize clean bench fuzz assets hostile-test fault-test crash-test crash
all: $(BUILD)/waymark

# build/gen/version.h is rewritten only when the version changes, so only
# the files that print it are rebuilt. The flags file does the same for the
# compiler flags: changing them rebuilds everything.
$(shell mkdir -p $(BUILD)/gen; v='#define WAYMARK_VERSION "$(VERSION)"'; \
  [ "$$(cat $(BUILD)/gen/version.h 2>/dev/null)" = "$$v" ] || echo "$$v" > $(BUILD)/gen/version.h; \
  f='$(CC) $(CFLAGS_BASE) $(EXTRA_CFLAGS)'; \
  [ "$$(cat $(BUILD)/gen/cflags 2>/dev/null)" = "$$f" ] || echo "$$f" > $(BUILD)/gen/cflags)

$(BUILD)/tools/embed: tools/embed.c
	@mkdir -p $(dir $@)
	$(CC) -std=c17 -O2 -Wall -Wextra -Werror -o $@ $<

$(BUILD)/gen/embed.c: $(BUILD)/tools/embed $(EMBED_FILES)
	@mkdir -p $(dir $@)
	$(BUILD)/tools/embed $(EMBED_FILES) > $@.tmp && mv $@.tmp $@

$(BUILD)/obj/gen/embed.o: $(BUILD)/gen/embed.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c -o $@ $<

$(BUILD)/obj/%.o: %.c $(BUILD)/gen/cflags
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c -o $@ $<

$(BUILD)/libwaymark.a: $(LIB_OBJS)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/waymark: $(BUILD)/obj/$(MAIN_SRC:.c=.o) $(BUILD)/libwaymark.a
	$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libwaymark.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libwaymark.a $(PKG_LIBS) -lcmocka

$(STORE_BIN): tests/store/store_suite.c $(wildcard tests/store/*.inc) $(BUILD)/libwaymark.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libwaymark.a $(PKG_LIBS) -lcmocka

deps:
	@[ -n "$$SKIP_DEPS" ] || scripts/setup-deps

# make run: set-up, build, first-time init + demo, then serve.
WAYMARK_DB ?= waymark.db
PORT ?= 8080
run: deps all
	@if [ ! -e "$(WAYMARK_DB)" ]; then $(BUILD)/waymark init --db "$(WAYMARK_DB)" && $(BUILD)/waymark demo --commissioning --db "$(WAYMARK_DB)"; \
	 else $(BUILD)/waymark init --db "$(WAYMARK_DB)"; fi
	@echo "Open http://127.0.0.1:$(PORT)/ and sign in as hub@demo.waymark.test with password demo-password-1"
	$(BUILD)/waymark serve --db "$(WAYMARK_DB)" --port $(PORT)

# The style gate: what scripts/check-style can check of the house style.
check-style:
	@scripts/check-style

unit: $(UNIT_BINS)
	@scripts/run-unit $(UNIT_BINS)

store-test-sqlite: $(STORE_BIN)
	WAYMARK_TEST_DB=sqlite $(STORE_BIN)

store-test-pg: $(STORE_BIN)
	scripts/with-postgres $(STORE_BIN)

store-test: store-test-sqlite store-test-pg

# API tests run with a throwaway PostgreSQL too, so the server is also
# checked against "db":"postgres" (WAYMARK_TEST_PG_URL).
api-test: all
	WAYMARK_BIN=$(abspath $(BUILD)/waymark) WAYMARK_PWHASH_FAST=1 scripts/with-postgres node --test --test-concurrency=1 tests/api/

# Hostile input (tests/hostile/cases/*.jsonl) against a real server: 4xx, never 5xx, nothing stored.
hostile-test: all
	WAYMARK_BIN=$(abspath $(BUILD)/waymark) WAYMARK_PWHASH_FAST=1 node --test tests/hostile/

# Fault injection (tests/fault): the Nth allocation of a request or an import
# fails (ASan build with FAULT=1 in build/fault), and a full disk (tmpfs).
fault-test: deps
	@$(MAKE) --no-print-directory BUILD=build/fault SAN=1 FAULT=1 OPT=-O1 all
	WAYMARK_BIN=$(abspath build/fault/waymark) WAYMARK_PWHASH_FAST=1 ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 node --test --test-concurrency=1 tests/fault/

browser-test: all
	WAYMARK_BIN=$(abspath $(BUILD)/waymark) WAYMARK_PWHASH_FAST=1 node --test --test-concurrency=1 tests/browser/

# Crash safety (tests/crash, docs/RELIABILITY.md): SIGKILL under write load,
# CRASH_CYCLES per backend (10 in make test, 200 in make crash).
CRASH_CYCLES ?= 10
crash-test: all
	CRASH_CYCLES=$(CRASH_CYCLES) WAYMARK_BIN=$(abspath $(BUILD)/waymark) WAYMARK_PWHASH_FAST=1 scripts/with-postgres node --test --test-concurrency=1 tests/crash/

crash:
	@$(MAKE) --no-print-directory CRASH_CYCLES=200 crash-test

test-only: check-style unit fuzz-replay store-test api-test hostile-test crash-test browser-test

test: deps
	@$(MAKE) --no-print-directory all
	@$(MAKE) --no-print-directory test-only

check-sanitize: deps
	@$(MAKE) --no-print-directory BUILD=build/san SAN=1 OPT=-O1 all
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  $(MAKE) --no-print-directory BUILD=build/san SAN=1 OPT=-O1 test-only

clean:
	rm -rf build

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)

# ---------------------------------------------------------------------------
# Fuzzing (see fuzz/README.md). Harnesses are fuzz/fuzz_<target>.c, seed
# corpora fuzz/corpus/<target>/.
#   make fuzz-replay   builds each harness with $(CC) and fuzz/replay_main.c
#                      (no clang needed) and feeds it every file of its corpus;
#                      part of `make test`, and of `make check-sanitize`.
#   make fuzz          builds the harnesses with clang's libFuzzer under
#                      ASan+UBSan and runs each for FUZZ_SECONDS (default 60);
#                      FUZZ_TARGETS picks some, FUZZ_JOBS runs several at once.
# ---------------------------------------------------------------------------
# A harness whose code under test is not in the tree yet is left out.
FUZZ_TARGETS ?= nhsnum postcode datetime refcode csv form url triage_rules \
  $(if $(wildcard src/core/match_instance.c),match_instance) \
  $(if $(wildcard src/core/mcf_dimacs.c),dimacs) \
  $(if $(wildcard src/core/volunteer.c),volunteer) \
  $(if $(and $(wildcard src/core/referral_validate.c),$(wildcard src/core/referral_refs.c),$(wildcard src/model/referral.c)),referral_json referral_csv)
FUZZ_SECONDS ?= 60
FUZZ_JOBS ?= 1
FUZZ_CLANG ?= clang
FUZZ_DIR := $(BUILD)/fuzz
FUZZ_REPLAY_BINS := $(FUZZ_TARGETS:%=$(FUZZ_DIR)/replay_%)
FUZZ_REPLAY_OBJS := $(FUZZ_TARGETS:%=$(BUILD)/obj/fuzz/fuzz_%.o) $(BUILD)/obj/fuzz/replay_main.o
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
FUZZ_CFLAGS := -std=c17 -D_GNU_SOURCE -g -O1 -Isrc -I$(BUILD)/gen -MMD -MP \
  -fsanitize=fuzzer-no-link $(FUZZ_SAN) $(PKG_CFLAGS)
FUZZ_LIB_OBJS := $(LIB_SRCS:%.c=$(FUZZ_DIR)/clang/%.o) $(FUZZ_DIR)/clang/gen/embed.o
FUZZ_BINS := $(FUZZ_TARGETS:%=$(FUZZ_DIR)/fuzz_%)

.PHONY: fuzz-replay fuzz-build
.SECONDARY: $(FUZZ_REPLAY_OBJS) $(FUZZ_TARGETS:%=$(FUZZ_DIR)/clang/fuzz/fuzz_%.o)

$(FUZZ_DIR)/replay_%: $(BUILD)/obj/fuzz/fuzz_%.o $(BUILD)/obj/fuzz/replay_main.o $(BUILD)/libwaymark.a
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

fuzz-replay: $(FUZZ_REPLAY_BINS)
	@for t in $(FUZZ_TARGETS); do $(FUZZ_DIR)/replay_$$t fuzz/corpus/$$t || exit 1; done

$(FUZZ_DIR)/clang/gen/embed.o: $(BUILD)/gen/embed.c
	@mkdir -p $(dir $@)
	$(FUZZ_CLANG) $(FUZZ_CFLAGS) -c -o $@ $<

$(FUZZ_DIR)/clang/%.o: %.c
	@mkdir -p $(dir $@)
	$(FUZZ_CLANG) $(FUZZ_CFLAGS) -c -o $@ $<

$(FUZZ_DIR)/libwaymark-fuzz.a: $(FUZZ_LIB_OBJS)
	@rm -f $@
	ar rcs $@ $^

$(FUZZ_DIR)/fuzz_%: $(FUZZ_DIR)/clang/fuzz/fuzz_%.o $(FUZZ_DIR)/libwaymark-fuzz.a
	$(FUZZ_CLANG) -fsanitize=fuzzer $(FUZZ_SAN) -o $@ $^ $(PKG_LIBS)

fuzz-build: $(FUZZ_BINS)

fuzz:
	@[ -n "$$SKIP_DEPS" ] || scripts/setup-fuzz-deps
	@$(MAKE) --no-print-directory fuzz-build
	@fuzz/run-fuzz $(FUZZ_DIR) $(FUZZ_SECONDS) $(FUZZ_JOBS) $(FUZZ_TARGETS)

-include $(shell find $(FUZZ_DIR)/clang -name '*.d' 2>/dev/null)

# Benchmarks: each script prints one `BENCH name value unit anchor=... ratio=...`
# line with its anchor measured in the same run. Quick sizes by default;
# BENCH_FULL=1 for the sizes the issues name.
.PHONY: bench
bench: all
	@set -e; [ -n "$$BENCH_FULL" ] || export ROWS=100000; \
	for b in bench/import bench/match bench/http-read bench/http-page bench/intake bench/memory bench/gen bench/report; do echo "== $$b"; WAYMARK_BIN=$(abspath $(BUILD)/waymark) $$b; done

# Soak (not in make test): SOAK_SECONDS (default 600) of mixed reads and
# writes at half the peak rate; fails on any error or 5% memory growth.
.PHONY: soak
soak: all
	WAYMARK_BIN=$(abspath $(BUILD)/waymark) bench/soak
