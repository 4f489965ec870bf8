# The front door. On a fresh Debian 12 machine `make run` and `make test` are all anyone needs: both install
# the dependencies (scripts/install-deps), configure and build before doing their job.

SHELL := /bin/bash
NRS := build/release/nrs
DEMO_DB := build/demo.db
CXX_SOURCES = $(shell git ls-files '*.cc' '*.h' 2>/dev/null || find src include tests bench -name '*.cc' -o -name '*.h')

.PHONY: all deps configure build debug run tour test test-fast test-asan bench format format-check lint clean

all: build

deps:
	@scripts/install-deps

# Configure once per preset; afterwards Ninja re-runs CMake itself whenever a CMakeLists.txt changes.
build/%/build.ninja: CMakePresets.json
	cmake --preset $* >/dev/null

build: deps build/release/build.ninja
	cmake --build --preset release

debug: deps build/debug/build.ninja
	cmake --build --preset debug

# The demo: a fresh demo database, then the main job on it — the server (API and web application) with one
# demo account per role; it prints its address and the accounts' passwords, and stops on Ctrl-C.
PORT ?= 8080
run: build
	$(NRS) --db $(DEMO_DB) init --demo --force
	$(NRS) --db $(DEMO_DB) serve --demo --port $(PORT)

# The same demo through the command line: neighbourhoods, a profile, the system maps, the register, the
# resident survey and the index run, printed.
tour: build
	$(NRS) --db $(DEMO_DB) init --demo --force
	$(NRS) --db $(DEMO_DB) neighbourhood list
	$(NRS) --db $(DEMO_DB) profile "Old Swan" --indicator imd2019-score --indicator imd2019-rank \
	  --indicator income-deprivation-rate --indicator employment-deprivation-rate --indicator idaci-rate
	$(NRS) --db $(DEMO_DB) map summary --neighbourhood "Old Swan"
	$(NRS) --db $(DEMO_DB) map loops --neighbourhood "Old Swan"
	$(NRS) --db $(DEMO_DB) activity coverage
	$(NRS) --db $(DEMO_DB) survey list
	$(NRS) --db $(DEMO_DB) survey estimate --survey "Resident survey (synthetic)" --variable can_influence \
	  --statistic proportion --by area_class,wave
	$(NRS) --db $(DEMO_DB) survey did --survey "Resident survey (synthetic)" --variable can_influence
	$(NRS) --db $(DEMO_DB) profile "Old Swan" --indicator survey-can-influence --indicator survey-swemwbs \
	  --indicator survey-financial-struggle
	$(NRS) --db $(DEMO_DB) index show 1

# Every test (unit, golden, end-to-end, structure); ctest prints its summary line last.
test: build
	ctest --preset release

# Everything but the tests labelled slow, for the edit-compile-test loop.
test-fast: build
	ctest --preset release --label-exclude slow

# The same tests under AddressSanitizer and UndefinedBehaviorSanitizer.
test-asan: deps build/asan/build.ninja
	cmake --build --preset asan
	ctest --preset asan --label-exclude slow

bench: build
	@scripts/install-deps --bench
	bench/run

format: deps
	clang-format -i $(CXX_SOURCES)

format-check: deps
	clang-format --dry-run -Werror $(CXX_SOURCES)

# clang-tidy over every .cc file, two at a time (the machine has two cores).
lint: build format-check
	printf '%s\n' $(filter %.cc,$(CXX_SOURCES)) | xargs -P 2 -n 4 clang-tidy -p build/release --quiet

clean:
	rm -rf build
