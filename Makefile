# Makefile -- the front door of relapselab: `make run` and `make test` on a fresh Debian 12.
#
#   make deps       check (and, as root, install) the Debian packages the build and tests need
#   make build      configure (once) and build into build/
#   make run        build, then simulate the seed study (examples/gutierrez2014.yaml)
#   make test       build, run the whole test suite, then again under ASan/UBSan (build-asan/),
#                   then a short run of every fuzz target (test-fuzz)
#   make test-fast  the test suite without the sanitizer pass
#   make fuzz       build the libFuzzer targets (clang, build-fuzz/) and run each for
#                   FUZZ_SECONDS (default 60); what they find is kept in build-fuzz/fuzz-corpus/
#   make test-fuzz  the same for FUZZ_TEST_SECONDS (default 5) each, from the seeds only
#   make bench      build, then run the benchmarks (build/bench_seed, bench/bench_lab.sh)
#   make install    build, then install the tool, the library (shared and static), its
#                   headers, relapselab.pc, the profiles and examples under PREFIX
#                   (default /usr/local; e.g. make install PREFIX=$HOME/.local)
#   make clean      remove the build directories
#
# With CI set in the environment (CI=true), warnings are errors (-DRL_WERROR=ON).
# Fuzzing is described in fuzz/README.md.

# The Debian packages the build and the tests need: ONE list, used by `deps`. clang,
# libclang-rt-14-dev (libFuzzer and the sanitizer runtimes of clang 14, only recommended by
# clang) and llvm (llvm-symbolizer, for readable stack traces) are for the fuzz targets.
# libopenmpi-dev and openmpi-bin (mpirun) split validate and power across ranks
# (docs/SCALE.md); the tool builds without them.
DEB_PACKAGES := build-essential cmake pkg-config libgsl-dev libyaml-dev libsqlite3-dev sqlite3 libcairo2-dev nettle-dev fonts-dejavu-core chromium clang libclang-rt-14-dev llvm libopenmpi-dev openmpi-bin

BUILD_DIR := build
ASAN_DIR  := build-asan
FUZZ_DIR  := build-fuzz
FUZZ_SECONDS := 60
FUZZ_TEST_SECONDS := 5
JOBS      := $(shell nproc 2>/dev/null || echo 2)
CMAKE_ARGS :=
ifneq ($(filter-out 0 false no off,$(CI)),)
CMAKE_ARGS += -DRL_WERROR=ON
endif

# A hung test fails after this many seconds instead of eating CI's time (ctest's default is
# 1500 s per test). The slowest test takes seconds, and under the sanitizers a minute at most.
CTEST_TIMEOUT := 600
CTEST := ctest --output-on-failure -j2 --timeout $(CTEST_TIMEOUT)

SAN_ENV := ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

PREFIX ?= /usr/local

EXAMPLE := examples/gutierrez2014.yaml
EXAMPLE_ARGS := --seed 20141219 --threads 2

# Steps must run in order (deps before build, build before tests).
.NOTPARALLEL:
.PHONY: all deps build run test test-fast test-asan build-asan build-fuzz fuzz test-fuzz bench install clean

all: build

deps:
	@missing=""; \
	for p in $(DEB_PACKAGES); do \
	    case "$$(dpkg-query -W -f='$${Status}' "$$p" 2>/dev/null)" in \
	        "install ok installed") ;; \
	        *) missing="$$missing $$p" ;; \
	    esac; \
	done; \
	if [ -z "$$missing" ]; then \
	    echo "deps: all Debian packages present ($(DEB_PACKAGES))"; \
	elif [ "$$(id -u)" -eq 0 ]; then \
	    echo "deps: installing missing Debian packages:$$missing"; \
	    apt-get update && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $$missing; \
	else \
	    echo "deps: missing Debian packages:$$missing" >&2; \
	    echo "deps: install them with:" >&2; \
	    echo "  sudo apt-get install -y$$missing" >&2; \
	    exit 1; \
	fi

# Configure only if not configured yet (or, under CI, if the cache lacks -DRL_WERROR=ON).
build: deps
	@if [ ! -f $(BUILD_DIR)/CMakeCache.txt ] || \
	    { [ -n "$(CMAKE_ARGS)" ] && ! grep -q '^RL_WERROR:BOOL=ON' $(BUILD_DIR)/CMakeCache.txt; }; then \
	    echo "cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_ARGS)"; \
	    cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_ARGS); \
	fi
	cmake --build $(BUILD_DIR) -j$(JOBS)

run: build
	./$(BUILD_DIR)/relapselab run $(EXAMPLE) $(EXAMPLE_ARGS)

test-fast: build
	$(CTEST) --test-dir $(BUILD_DIR)

# The same suite built with -fsanitize=address,undefined (Debug) in its own directory.
build-asan: deps
	@if [ ! -f $(ASAN_DIR)/CMakeCache.txt ] || \
	    { [ -n "$(CMAKE_ARGS)" ] && ! grep -q '^RL_WERROR:BOOL=ON' $(ASAN_DIR)/CMakeCache.txt; }; then \
	    echo "cmake -S . -B $(ASAN_DIR) -DRL_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug $(CMAKE_ARGS)"; \
	    cmake -S . -B $(ASAN_DIR) -DRL_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug $(CMAKE_ARGS); \
	fi
	cmake --build $(ASAN_DIR) -j$(JOBS)

test-asan: build-asan
	$(SAN_ENV) $(CTEST) --test-dir $(ASAN_DIR)

# The fuzz targets (fuzz/README.md): clang with libFuzzer, ASan and UBSan, in their own
# directory; only the targets and the library folders they use are built.
build-fuzz: deps
	@if [ ! -f $(FUZZ_DIR)/CMakeCache.txt ] || \
	    { [ -n "$(CMAKE_ARGS)" ] && ! grep -q '^RL_WERROR:BOOL=ON' $(FUZZ_DIR)/CMakeCache.txt; }; then \
	    echo "cmake -S . -B $(FUZZ_DIR) -DRL_FUZZ=ON -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=Debug $(CMAKE_ARGS)"; \
	    cmake -S . -B $(FUZZ_DIR) -DRL_FUZZ=ON -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=Debug $(CMAKE_ARGS); \
	fi
	cmake --build $(FUZZ_DIR) -j$(JOBS) --target fuzz_targets

# Each target for FUZZ_SECONDS, JOBS at a time; the corpus grows in $(FUZZ_DIR)/fuzz-corpus/.
fuzz: build-fuzz
	sh fuzz/run.sh -t $(FUZZ_SECONDS) -j $(JOBS) -c $(FUZZ_DIR)/fuzz-corpus $(FUZZ_DIR)

# The bounded run of `make test`: each target for FUZZ_TEST_SECONDS from its seeds and
# regression inputs; a crash fails it and names the crashing input.
test-fuzz: build-fuzz
	sh fuzz/run.sh -t $(FUZZ_TEST_SECONDS) -j $(JOBS) $(FUZZ_DIR)

# One command for everything CI requires: the suite, then the suite under ASan/UBSan, then
# the fuzz targets briefly (in this order: .NOTPARALLEL makes the prerequisites run one
# after the other).
test: test-fast test-asan test-fuzz

bench: build
	./$(BUILD_DIR)/bench_seed
	sh bench/bench_lab.sh $(BUILD_DIR)

install: build
	cmake --install $(BUILD_DIR) --prefix $(PREFIX)

clean:
	rm -rf $(BUILD_DIR) $(ASAN_DIR) $(FUZZ_DIR)
