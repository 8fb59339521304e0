# libsigsum and the whole test suite.
#
#   make                  build libsigsum.a, libsigsum.so, sigsum.pc and the C example
#   make install          install them (PREFIX=/usr/local, LIBDIR, INCLUDEDIR, DESTDIR)
#   make check            run EVERY test of the project, Rust and C (the README's test command)
#   make check-c          only the C tests (ASan+UBSan, valgrind, C++ header, pkg-config)
#   make header           regenerate include/sigsum.h and include/sigsum_blocks.h
#                         (needs cbindgen $(CBINDGEN_VERSION))
#   make header-check     fail if a header is not what cbindgen generates
#
# PROFILE=release|debug picks the Cargo profile the libraries come from
# (release for `make`/`make install`; the C tests use CHECK_PROFILE=debug,
# which has overflow checks and builds much faster).

CARGO      ?= cargo
CC         ?= cc
CXX        ?= c++
PKG_CONFIG ?= pkg-config
VALGRIND   ?= valgrind
CBINDGEN   ?= cbindgen
CBINDGEN_VERSION := 0.29.4

PREFIX     ?= /usr/local
LIBDIR     ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
DESTDIR    ?=

PROFILE       ?= release
CHECK_PROFILE ?= debug

# Native libraries a static libsigsum.a needs (Linux, glibc). `make
# check-static-libs` compares this with what rustc reports.
LIBS_PRIVATE ?= -lgcc_s -lutil -lrt -lpthread -lm -ldl -lc

VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n1)
MAJOR   := $(word 1,$(subst ., ,$(VERSION)))
MINOR   := $(word 2,$(subst ., ,$(VERSION)))
# Same rule as sigsum-ffi/build.rs: before 1.0 the SONAME carries MAJOR.MINOR.
SONAME  := $(if $(filter 0,$(MAJOR)),libsigsum.so.0.$(MINOR),libsigsum.so.$(MAJOR))

cargo_flag = $(if $(filter release,$(1)),--release,)
BUILD      := build
LIB_DIR     = target/$(PROFILE)

C_WARN   := -std=c99 -Wall -Wextra -Werror -pedantic
SAN      := -fsanitize=address,undefined -fno-sanitize-recover=all
VALGRIND_FLAGS := --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=all --show-leak-kinds=all -q


.PHONY: bench bench-icount all lib pc example install uninstall check check-rust check-ed25519-compact check-c \
        check-static-libs header header-check clean-c FORCE

all: lib pc example

lib:
	$(CARGO) build -p sigsum-ffi --locked $(call cargo_flag,$(PROFILE))

pc: $(BUILD)/sigsum.pc

$(BUILD)/sigsum.pc: sigsum.pc.in FORCE
	@mkdir -p $(BUILD)
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|' \
	    -e 's|@VERSION@|$(VERSION)|' -e 's|@LIBS_PRIVATE@|$(LIBS_PRIVATE)|' $< > $@.tmp
	mv $@.tmp $@

# The C sigsum-verify, linked statically against libsigsum.a.
example: lib
	@mkdir -p $(BUILD)
	$(CC) $(C_WARN) -O2 -Iinclude examples/c/sigsum-verify.c $(LIB_DIR)/libsigsum.a \
	    $(LIBS_PRIVATE) -o $(BUILD)/sigsum-verify

install: lib pc
	install -d $(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(INCLUDEDIR)
	install -m 644 $(LIB_DIR)/libsigsum.a $(DESTDIR)$(LIBDIR)/libsigsum.a
	install -m 755 $(LIB_DIR)/libsigsum.so $(DESTDIR)$(LIBDIR)/libsigsum.so.$(VERSION)
	ln -sf libsigsum.so.$(VERSION) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libsigsum.so
	install -m 644 include/sigsum.h include/sigsum_blocks.h $(DESTDIR)$(INCLUDEDIR)/
	install -m 644 $(BUILD)/sigsum.pc $(DESTDIR)$(LIBDIR)/pkgconfig/sigsum.pc

uninstall:
	rm -f $(DESTDIR)$(LIBDIR)/libsigsum.a $(DESTDIR)$(LIBDIR)/libsigsum.so \
	    $(DESTDIR)$(LIBDIR)/$(SONAME) $(DESTDIR)$(LIBDIR)/libsigsum.so.$(VERSION) \
	    $(DESTDIR)$(INCLUDEDIR)/sigsum.h $(DESTDIR)$(INCLUDEDIR)/sigsum_blocks.h \
	    $(DESTDIR)$(LIBDIR)/pkgconfig/sigsum.pc

# The two headers and their cbindgen configs.
HEADERS := sigsum:cbindgen.toml sigsum_blocks:cbindgen-blocks.toml

header:
	$(CBINDGEN) --version | grep -qx 'cbindgen $(CBINDGEN_VERSION)' || \
	    { echo "need cbindgen $(CBINDGEN_VERSION): cargo install cbindgen --locked --version $(CBINDGEN_VERSION)"; exit 1; }
	for h in $(HEADERS); do \
	    $(CBINDGEN) --config $${h#*:} --crate sigsum-ffi --output include/$${h%%:*}.h --quiet || exit 1; \
	done

header-check:
	$(CBINDGEN) --version | grep -qx 'cbindgen $(CBINDGEN_VERSION)' || \
	    { echo "need cbindgen $(CBINDGEN_VERSION): cargo install cbindgen --locked --version $(CBINDGEN_VERSION)"; exit 1; }
	for h in $(HEADERS); do \
	    $(CBINDGEN) --config $${h#*:} --crate sigsum-ffi --output include/$${h%%:*}.h --quiet --verify || \
	    { echo "include/$${h%%:*}.h is stale: run 'make header' and commit it"; exit 1; }; \
	done

# ---------------------------------------------------------------- tests

check: check-rust check-ed25519-compact check-c

check-rust:
	$(CARGO) test --workspace --locked

# The optional ed25519-compact backend against the edge vectors (the test
# file comes with the Ed25519 vector work; skipped until it exists).
check-ed25519-compact:
	@if [ -f sigsum-core/tests/ed25519_vectors.rs ]; then \
	    echo "$(CARGO) test -p sigsum-core --features compact --test ed25519_vectors --locked"; \
	    $(CARGO) test -p sigsum-core --features compact --test ed25519_vectors --locked; \
	else \
	    echo "skip: sigsum-core/tests/ed25519_vectors.rs does not exist yet"; \
	fi

# C tests: install into a temporary prefix, then build the tests with the
# installed header through pkg-config, (1) statically with ASan+UBSan and
# (2) against the shared library under valgrind; compile the header as
# C++17; check the native libs list.
CHECK_ROOT := $(abspath $(BUILD)/check-root)
CHECK_PC    = PKG_CONFIG_PATH=$(CHECK_ROOT)/lib/pkgconfig $(PKG_CONFIG)
C_TEST_SRC := $(sort $(wildcard tests/c/*.c))

# Every SIGSUM_STATUS_* of the header, for tests/c/test_basics.c.
$(BUILD)/statuses.inc: include/sigsum.h
	@mkdir -p $(BUILD)
	sed -n 's/^  \(SIGSUM_STATUS_[A-Z0-9_]*\) = .*/    S(\1),/p' $< > $@.tmp
	test -s $@.tmp
	mv $@.tmp $@

check-c: check-static-libs $(BUILD)/statuses.inc
	$(MAKE) --no-print-directory install PROFILE=$(CHECK_PROFILE) PREFIX=$(CHECK_ROOT) DESTDIR=
	test "$$($(CHECK_PC) --modversion sigsum)" = "$(VERSION)"
	@echo "pkg-config: $$($(CHECK_PC) --cflags --libs sigsum)"
	@echo "pkg-config --static: $$($(CHECK_PC) --static --libs sigsum)"
	readelf -d $(CHECK_ROOT)/lib/libsigsum.so | grep -q 'SONAME.*\[$(SONAME)\]'
	for h in sigsum.h sigsum_blocks.h; do \
	    $(CXX) -std=c++17 -Wall -Wextra -Werror -x c++ -fsyntax-only -Iinclude include/$$h && \
	    $(CC) $(C_WARN) -x c -fsyntax-only -Iinclude include/$$h || exit 1; \
	done
	# (1) static, ASan + UBSan
	$(CC) $(C_WARN) -g -O1 $(SAN) $$($(CHECK_PC) --cflags sigsum) -Itests/c -I$(BUILD) $(C_TEST_SRC) \
	    $$($(CHECK_PC) --static --libs sigsum | sed 's/-lsigsum/-Wl,-Bstatic -lsigsum -Wl,-Bdynamic/') \
	    -o $(BUILD)/test_api-asan
	nm $(BUILD)/test_api-asan | grep -q __asan_init
	! ldd $(BUILD)/test_api-asan | grep -q libsigsum
	$(BUILD)/test_api-asan tests/vectors
	# (2) shared, valgrind
	$(CC) $(C_WARN) -g -O1 $$($(CHECK_PC) --cflags sigsum) -Itests/c -I$(BUILD) $(C_TEST_SRC) \
	    $$($(CHECK_PC) --libs sigsum) -o $(BUILD)/test_api
	LD_LIBRARY_PATH=$(CHECK_ROOT)/lib ldd $(BUILD)/test_api | grep -q '$(SONAME) => $(CHECK_ROOT)/lib'
	LD_LIBRARY_PATH=$(CHECK_ROOT)/lib $(VALGRIND) $(VALGRIND_FLAGS) $(BUILD)/test_api tests/vectors
	# the C sigsum-verify: built on the installed library (shared), and
	# statically with ASan+UBSan for its command-line tests; compared with
	# the Rust sigsum-verify when that one has been built
	$(CC) $(C_WARN) $$($(CHECK_PC) --cflags sigsum) examples/c/sigsum-verify.c \
	    $$($(CHECK_PC) --libs sigsum) -o $(BUILD)/sigsum-verify-shared
	LD_LIBRARY_PATH=$(CHECK_ROOT)/lib $(BUILD)/sigsum-verify-shared --version
	$(CC) $(C_WARN) -g -O1 $(SAN) -Iinclude examples/c/sigsum-verify.c \
	    $(CHECK_ROOT)/lib/libsigsum.a $(LIBS_PRIVATE) -o $(BUILD)/sigsum-verify-asan
	# docs/ffi.md shows examples/c/quickstart.c verbatim; it builds and runs
	awk '/^```c$$/{on=1;next} /^```$$/{on=0} on' docs/ffi.md | cmp - examples/c/quickstart.c
	$(CC) $(C_WARN) $$($(CHECK_PC) --cflags sigsum) examples/c/quickstart.c \
	    $$($(CHECK_PC) --libs sigsum) -o $(BUILD)/quickstart
	cd tests/vectors/real && LD_LIBRARY_PATH=$(CHECK_ROOT)/lib $(abspath $(BUILD)/quickstart) \
	    serviceberry.message serviceberry-signer.pub sigsum-test-2025-3.policy serviceberry-v2.proof
	# ... and refuses a key file that is not OpenSSH lines: hex, and 64 hex
	# digits followed by junk (which a parser of the first 64 bytes took)
	{ head -c 64 tests/vectors/real/serviceberry-signer.hex; echo junk; } > $(BUILD)/junk-signer.key
	for key in $(abspath $(BUILD)/junk-signer.key) serviceberry-signer.hex; do \
	    ! (cd tests/vectors/real && LD_LIBRARY_PATH=$(CHECK_ROOT)/lib $(abspath $(BUILD)/quickstart) \
	        serviceberry.message $$key sigsum-test-2025-3.policy serviceberry-v2.proof) || exit 1; \
	done
	tests/c/cli.sh $(abspath $(BUILD)/sigsum-verify-asan) \
	    $$(test -x target/$(CHECK_PROFILE)/sigsum-verify && echo $(abspath target/$(CHECK_PROFILE)/sigsum-verify))

# The Libs.private list must be what rustc says a static libsigsum needs.
check-static-libs:
	@got="$$($(CARGO) rustc -p sigsum-ffi --lib --locked --crate-type staticlib -- --print native-static-libs 2>&1 \
	    | sed -n 's/.*native-static-libs: //p' | tail -n1)"; \
	if [ -z "$$got" ]; then \
	    touch sigsum-ffi/src/lib.rs; \
	    got="$$($(CARGO) rustc -p sigsum-ffi --lib --locked --crate-type staticlib -- --print native-static-libs 2>&1 \
	        | sed -n 's/.*native-static-libs: //p' | tail -n1)"; \
	fi; \
	echo "rustc native-static-libs: $$got"; \
	test "$$got" = "$(LIBS_PRIVATE)" || { echo "LIBS_PRIVATE in Makefile is stale"; exit 1; }

clean-c:
	rm -rf $(BUILD)

# Benchmarks (see docs/performance.md): criterion with the sigsum 0.3 peer,
# and deterministic instruction counts under valgrind.
bench:
	benches/run.sh

bench-icount:
	python3 benches/icount.py
