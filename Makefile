# libsigsum and the whole test suite.
#   make          build the Rust workspace (libraries and tools)
#   make check    run every test of the project (the README's test command)
CARGO ?= cargo

.PHONY: all check
all:
	$(CARGO) build --workspace --release

check:
	$(CARGO) test --workspace --locked
