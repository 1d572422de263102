# vigil — one GNU Makefile: libvigil.a -> vigil -> tests -> fuzz replay.
#   make            build the library and the command
#   make check      build and run every test (SANITIZE=1: ASan + UBSan build)
#   make run        build an index from the sample lists, screen the sample roster
#   make eval       labelled variant sets: recall and false positives
#   make bench      speed and memory benchmarks
# Source files are picked up by directory: adding a .c file needs no edit here.

CC ?= cc
SANITIZE ?= 0
ifeq ($(SANITIZE),1)
BUILD ?= build-san
SAN_FLAGS = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
OPT = -O1
else
BUILD ?= build
SAN_FLAGS =
OPT = -O2
endif

PKGS = icu-uc icu-i18n libxml-2.0 jansson libcurl sqlite3 libcrypto libmicrohttpd
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CMOCKA_LIBS := $(shell pkg-config --libs cmocka 2>/dev/null || echo -lcmocka)

CFLAGS ?= $(OPT) -g
CFLAGS += -std=c17 -D_GNU_SOURCE -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
          -Wno-unused-parameter -pthread -Iinclude $(PKG_CFLAGS) $(SAN_FLAGS)
LDFLAGS += -pthread $(SAN_FLAGS)
LDLIBS = $(PKG_LIBS) -lm

LIB_DIRS = util model normalize translit index match sources update store
LIB_SRC := $(foreach d,$(LIB_DIRS),$(wildcard src/$(d)/*.c))
CLI_SRC := $(wildcard src/cli/*.c src/server/*.c)
TEST_SRC := $(wildcard tests/*/test_*.c)
TEST_SUPPORT := $(wildcard tests/support/*.c)
FUZZ_SRC := $(filter-out fuzz/driver.c,$(wildcard fuzz/*.c))
BENCH_SRC := $(wildcard bench/*.c)

LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ := $(CLI_SRC:%.c=$(BUILD)/%.o)
TEST_BIN := $(TEST_SRC:%.c=$(BUILD)/%)
TEST_SUPPORT_OBJ := $(TEST_SUPPORT:%.c=$(BUILD)/%.o)
FUZZ_BIN := $(FUZZ_SRC:fuzz/%.c=$(BUILD)/fuzz/%)
BENCH_BIN := $(BENCH_SRC:%.c=$(BUILD)/%)

LIB := $(BUILD)/libvigil.a
VIGIL := $(BUILD)/vigil

.PHONY: all check run eval bench clean tests fuzz lint
all: $(VIGIL)

$(BUILD)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -MMD -MP -c $< -o $@

$(LIB): $(LIB_OBJ)
	@mkdir -p $(@D)
	rm -f $@
	ar rcs $@ $^

$(VIGIL): $(CLI_OBJ) $(LIB)
	$(CC) $(LDFLAGS) -o $@ $(CLI_OBJ) $(LIB) $(LDLIBS)

$(BUILD)/tests/%: tests/%.c $(TEST_SUPPORT_OBJ) $(LIB)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -MMD -MP -Isrc -o $@ $< $(TEST_SUPPORT_OBJ) $(LIB) $(LDFLAGS) $(LDLIBS) $(CMOCKA_LIBS)

$(BUILD)/fuzz/%: fuzz/%.c fuzz/driver.c $(LIB)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -Isrc -o $@ $< fuzz/driver.c $(LIB) $(LDFLAGS) $(LDLIBS)

$(BUILD)/bench/%: bench/%.c $(LIB)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -MMD -MP -Isrc -o $@ $< $(LIB) $(LDFLAGS) $(LDLIBS)

tests: $(VIGIL) $(TEST_BIN) $(FUZZ_BIN) $(BENCH_BIN)
fuzz: $(FUZZ_BIN)

check: tests
	@BUILD=$(BUILD) sh tests/run.sh

run: $(VIGIL)
	@BUILD=$(BUILD) sh scripts/run-example.sh

eval: $(VIGIL) $(BENCH_BIN)
	@BUILD=$(BUILD) sh bench/eval.sh

bench: $(VIGIL) $(BENCH_BIN)
	@BUILD=$(BUILD) sh bench/bench.sh

lint:
	@sh scripts/lint.sh

clean:
	rm -rf build build-san

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(TEST_BIN:=.d) $(BENCH_BIN:=.d)
