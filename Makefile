# The two commands: `make run` and `make test`. Everything else is a helper for them.
PRESET ?= default
BUILD_DIR ?= build
SERVER := $(BUILD_DIR)/server/fairdrop-server
CTEST_PARALLEL ?= 2
# ccache hits across clones of the repository (CI builds a fresh clone in another folder).
export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_NOHASHDIR := true

.PHONY: all deps configure build run test bench screenshots format clean

all: build

deps:
	@bash packaging/install-deps.sh

configure: deps
	@test -f $(BUILD_DIR)/build.ninja || cmake --preset $(PRESET)

build: configure
	@cmake --build $(BUILD_DIR)

# Runs the server on its embedded default: its own PostgreSQL and Redis under the data directory.
run: build
	FAIRDROP_LOG_FORMAT=$${FAIRDROP_LOG_FORMAT:-text} $(SERVER) serve $(ARGS)

test: build
	@cd $(BUILD_DIR) && QT_QPA_PLATFORM=offscreen ctest --output-on-failure -j $(CTEST_PARALLEL) --timeout 600

# Load benchmarks (slow, outside `make test`): see tests/load/README.md.
bench: build
	@bash tests/load/run.sh

# Every console page in English and Russian, as PNGs under $(BUILD_DIR)/screenshots/<language>/.
screenshots: build
	@cd $(BUILD_DIR) && QT_QPA_PLATFORM=offscreen ctest --output-on-failure -R '^tst_screenshots$$'
	@echo "screenshots: $(BUILD_DIR)/screenshots"

format:
	@git ls-files '*.cpp' '*.h' | xargs clang-format -i

clean:
	rm -rf $(BUILD_DIR) build-asan
