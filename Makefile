# Skylt: `make run` plays the demo playlist, `make test` runs the whole suite. Both install the
# Debian packages they need first (apt-get, non-interactive, through sudo when not root).

SHELL := /bin/bash
SWIFT ?= swift
PYTHON ?= python3
# Build, run and test everything the player needs.
DEB_PACKAGES := pkg-config libsdl2-dev libsdl2-image-dev libpng-dev libjpeg-dev libwebp-dev libxml2-dev libical-dev libmosquitto-dev libcairo2-dev libpango1.0-dev librsvg2-dev \
	libqrencode-dev libsodium-dev libcurl4-openssl-dev libmicrohttpd-dev libsystemd-dev libsqlite3-dev libicu-dev ca-certificates \
	fonts-noto-core fonts-noto-mono fonts-dejavu-core
# Only the tests need these: two QR decoders (zbar, and zxing-cpp for Debian's Python) to prove
# codes scan, minisign to prove signatures interoperate, nginx to serve bundles on loopback, chromium and curl to look at the status page,
# an X server without a screen (Xvfb) and xwd to see what the player puts on a real display,
# espeak-ng and oggenc (vorbis-tools) to make the stories that visitor pages read aloud,
# and promtool (prometheus) to check monitoring/'s scrape config and alerting rules (the package
# also brings a Prometheus service; `systemctl disable --now prometheus` on a desktop), and
# mosquitto, the MQTT broker the sensor source is tested against (on a port of its own).
DEB_TEST_PACKAGES := zbar-tools python3-zxing-cpp minisign nginx-light chromium curl xvfb xauth x11-apps \
	espeak-ng vorbis-tools prometheus mosquitto
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
SCREENSHOT ?= $(CURDIR)/.build/skylt-screen.png
# CI builds with warnings as errors.
WERROR := $(if $(CI),-Xswiftc -warnings-as-errors,)

PREFIX ?= /usr/local
SYSTEMD_DIR ?= /etc/systemd/system

.PHONY: all deps test-deps build release run studio test test-browser lint format bench bench-studio feeds-figures gallery clean \
	install \
	deb deb-version deb-package package-test

all: build

deps:
	@./.ci/install-packages $(DEB_PACKAGES)

test-deps: deps
	@./.ci/install-packages $(DEB_TEST_PACKAGES)
	@$(PYTHON) -c 'import jsonschema' 2>/dev/null || $(PYTHON) -m pip install --quiet jsonschema
	@$(PYTHON) -c 'import prometheus_client' 2>/dev/null || $(PYTHON) -m pip install --quiet prometheus_client
	@$(PYTHON) -c 'import icalendar, recurring_ical_events' 2>/dev/null || \
		$(PYTHON) -m pip install --quiet icalendar recurring-ical-events
	@$(PYTHON) -c 'import playwright, axe_playwright_python' 2>/dev/null || \
		$(PYTHON) -m pip install --quiet playwright axe-playwright-python

build: deps
	$(SWIFT) build $(WERROR)

# The release binaries carry the Swift runtime and FoundationEssentials (statically linked), so
# a kiosk needs only Debian's libraries, not the toolchain; the kiosk's modules leave out full
# Foundation and its 40 MB of ICU data (dates and time zones come from Debian's libicu). Built
# for size (-Osize) with identical code folded by the linker: the player is 15.9 MB stripped.
RELEASE_FLAGS := -c release --static-swift-stdlib -Xswiftc -Osize -Xlinker --icf=safe
release: deps
	$(SWIFT) build $(RELEASE_FLAGS) $(WERROR)

# Plays the demo playlist: full screen on a display, otherwise headless with the frame on
# screen written to $(SCREENSHOT) at each slide switch.
run: release
	./.build/release/skylt run --screenshot $(SCREENSHOT)

# Skylt Studio on this machine, to try: a data folder under .build/studio (made once; a later
# `make studio` reuses it), the demo playlist as channel `demo`, an `admin` whose one-time
# password is printed (only when the user is new), the published site served on
# $(STUDIO_SITE_PORT) when Python is there, and the studio in the foreground (Ctrl-C stops both).
STUDIO_DIR := $(CURDIR)/.build/studio
STUDIO_LISTEN ?= 127.0.0.1:8090
STUDIO_SITE_PORT ?= 8091
studio: build
	@set -e; bin=./.build/debug/skylt-studio; data=$(STUDIO_DIR)/data; site=$(STUDIO_DIR)/site; \
	if [ -e $$data/studio.json ]; then \
		echo "Using the studio in $$data (remove $(STUDIO_DIR) to start afresh)"; \
	else \
		$$bin init --data $$data --site $$site --base-url http://127.0.0.1:$(STUDIO_SITE_PORT); \
		$$bin import demo Playlists/demo --data $$data; \
		$$bin publish demo --data $$data; \
	fi; \
	password=$$(head -c 18 /dev/urandom | base64 | tr '+/' '-_'); \
	if added=$$(printf '%s\n' "$$password" | $$bin user add admin --role admin --password-stdin --data $$data 2>&1); then \
		echo "User admin, one-time password: $$password"; \
		echo "Change it after you log in, at http://$(STUDIO_LISTEN)/account"; \
	elif echo "$$added" | grep -q "exists already"; then \
		echo "User admin exists already: log in with its password (forgotten? remove $(STUDIO_DIR))"; \
	else echo "$$added" >&2; exit 1; fi; \
	if command -v $(PYTHON) >/dev/null; then \
		$(PYTHON) -m http.server $(STUDIO_SITE_PORT) --bind 127.0.0.1 --directory $$site >/dev/null 2>&1 & \
		site_server=$$!; trap 'kill $$site_server 2>/dev/null' EXIT; \
		echo "The published site: http://127.0.0.1:$(STUDIO_SITE_PORT)/demo/manifest.json"; \
	fi; \
	echo "Open http://$(STUDIO_LISTEN)/ and log in as admin. Ctrl-C stops the studio."; \
	$$bin serve --data $$data --listen $(STUDIO_LISTEN)

bench: release
	./.build/release/skylt bench
	./.build/release/skylt bench live

# The feeds service's figures with one kiosk on loopback (about 14 minutes): a VMA warning's
# time to the screen with a 60 s feeds poll and a 30 s kiosk poll, and the kiosk's bytes per hour
# for an alert channel and a departures channel. The CPU of recomposing data slides each minute
# is `skylt bench live` (part of `make bench`).
feeds-figures: release
	$(PYTHON) Tools/feeds_figures.py --skylt .build/release/skylt --minutes 14

# The studio's figures through HTTP: preview time per template, publishing 50 slides, memory
# idle and under 20 editors previewing at once.
bench-studio: release
	$(PYTHON) Tools/studio_bench.py --build .build/release

# Crash safety at scale: `skylt sync --once` SIGKILLed SOAK_KILLS times at random moments while
# new versions arrive, and `skylt publish` SOAK_PUBLISH_KILLS times; after each kill the cache,
# or the published folder, must hold the old or the new version whole. Prints kills,
# consistent, inconsistent and the time taken, and fails on any inconsistent one. A simulated
# month: the demo played for MONTH_DAYS days of simulated time (sync each minute, outages, new
# versions, status requests), with memory, open files and threads each day. `make test` runs
# short versions of both (about a minute together).
.PHONY: soak month
SOAK_KILLS ?= 2000
SOAK_PUBLISH_KILLS ?= 1000
SOAK_SHORT_KILLS := 24
SOAK_SHORT_PUBLISH_KILLS := 16
MONTH_DAYS ?= 30
MONTH_SHORT_DAYS := 2
MONTH_SHORT_SIZE := 320x180
MONTH_SHORT_GROWTH_MB := 8
soak: build
	./.build/debug/skylt-soak kills --sync $(SOAK_KILLS) --publish $(SOAK_PUBLISH_KILLS)
month: build
	./.build/debug/skylt-soak month --days $(MONTH_DAYS)

# Small pictures of the demo's slides (Swedish) and the multilingual playlist's Persian pages
# (right to left), landscape and portrait, a quarter of the screen on a side, for the READMEs.
GALLERY := docs/gallery
GALLERY_SCALE := 0.25
gallery: build
	rm -rf $(GALLERY) .build/gallery
	mkdir -p $(GALLERY)
	@for orientation in landscape:1920x1080 portrait:1080x1920; do \
		name=$${orientation%%:*}; size=$${orientation##*:}; \
		./.build/debug/skylt render Playlists/demo --out .build/gallery/demo-$$name \
			--size $$size --scale $(GALLERY_SCALE) >/dev/null || exit 1; \
		./.build/debug/skylt render Tests/Fixtures/multilingual --out .build/gallery/multilingual-$$name \
			--size $$size --scale $(GALLERY_SCALE) >/dev/null || exit 1; \
		for png in .build/gallery/demo-$$name/*.sv.png; do cp $$png $(GALLERY)/demo-$$name-$$(basename $$png); done; \
		for png in .build/gallery/multilingual-$$name/*.fa.png; do \
			cp $$png $(GALLERY)/multilingual-$$name-$$(basename $$png); done; \
		for live in live-board:2026-12-12T10:00 live-weather:2026-06-28T14:30; do \
			playlist=$${live%%:*}; at=$${live#*:}; \
			./.build/debug/skylt render Playlists/$$playlist --out .build/gallery/$$playlist-$$name --size $$size \
				--at $$at --scale $(GALLERY_SCALE) >/dev/null || exit 1; \
			for png in .build/gallery/$$playlist-$$name/*.sv.png .build/gallery/$$playlist-$$name/*.fa.png; do \
				cp $$png $(GALLERY)/$$playlist-$$name-$$(basename $$png); done; \
		done; \
	done
	@echo "$$(ls $(GALLERY) | wc -l) pictures, $$(du -sh $(GALLERY) | cut -f1), in $(GALLERY)"

lint:
	$(SWIFT) format lint --strict --recursive Package.swift Sources Tests

format:
	$(SWIFT) format --in-place --recursive Package.swift Sources Tests

# The whole suite: Swift tests, the studio's pages in a browser, then the Debian packages (a
# release build, their contents, lintian, install/upgrade/purge, the apt repository).
# The release build the package tests need runs beside the browser tests: it takes minutes of
# CPU, they take minutes of clock mostly spent waiting (on pages, and on a kiosk's rotation to
# reach a new slide). Its output goes to $(RELEASE_LOG), shown when it fails.
RELEASE_LOG := .build/release-build.log
test: test-deps lint
	$(SWIFT) build --build-tests $(WERROR)
	SDL_VIDEODRIVER=dummy $(SWIFT) test --skip-build
	./.build/debug/skylt-soak kills --sync $(SOAK_SHORT_KILLS) --publish $(SOAK_SHORT_PUBLISH_KILLS)
	./.build/debug/skylt-soak month --days $(MONTH_SHORT_DAYS) --size $(MONTH_SHORT_SIZE) \
		--max-growth-mb $(MONTH_SHORT_GROWTH_MB)
	@echo "Building the release binaries beside the browser tests (log: $(RELEASE_LOG))"
	@$(MAKE) --no-print-directory release fuzz-smoke > $(RELEASE_LOG) 2>&1 & release=$$!; \
	$(MAKE) test-browser; browser=$$?; \
	if ! wait $$release; then tail -50 $(RELEASE_LOG); echo "The release build or fuzz-smoke failed"; exit 1; fi; \
	exit $$browser
	$(MAKE) package-test

# The studio's pages in Debian's chromium through Playwright, with axe-core: needs the debug
# build that `make test` makes first.
test-browser:
	$(PYTHON) -m unittest discover -s Tests/Browser -v

# Fuzzing and sanitizers (see README, "Fuzzing and sanitizers"). `make fuzz` runs each libFuzzer
# target of Fuzz/ for FUZZ_SECONDS (FUZZ_TARGETS picks some; `Tools/fuzz list` names them),
# keeping what it finds in .build/fuzz/corpus; `make fuzz-smoke` runs each for
# FUZZ_SMOKE_SECONDS from its seeds only, beside the browser tests in `make test`.
# `make test-sanitize` runs the suite under AddressSanitizer, then under ThreadSanitizer, each
# built in its own scratch path so that the normal build is untouched.
FUZZ_SECONDS ?= 60
FUZZ_SMOKE_SECONDS ?= 5
FUZZ_TARGETS ?=
LSAN_SUPPRESSIONS := $(CURDIR)/Tools/lsan-suppressions.txt
TSAN_SUPPRESSIONS := $(CURDIR)/Tools/tsan-suppressions.txt
.PHONY: fuzz fuzz-build fuzz-smoke test-sanitize test-asan test-tsan
fuzz-build: deps
	Tools/fuzz build

fuzz: fuzz-build
	Tools/fuzz run $(FUZZ_SECONDS) $(FUZZ_TARGETS)

fuzz-smoke: fuzz-build
	Tools/fuzz smoke $(FUZZ_SMOKE_SECONDS)

test-sanitize: test-asan test-tsan

test-asan: test-deps
	$(SWIFT) build --build-tests --sanitize=address --scratch-path .build/asan $(WERROR)
	SDL_VIDEODRIVER=dummy LSAN_OPTIONS="suppressions=$(LSAN_SUPPRESSIONS)" \
		$(SWIFT) test --skip-build --sanitize=address --scratch-path .build/asan

test-tsan: test-deps
	$(SWIFT) build --build-tests --sanitize=thread --scratch-path .build/tsan $(WERROR)
	SDL_VIDEODRIVER=dummy TSAN_OPTIONS="suppressions=$(TSAN_SUPPRESSIONS) halt_on_error=1" \
		$(SWIFT) test --skip-build --sanitize=thread --scratch-path .build/tsan

# Installs the binaries, the demo playlist, the units, an example config (and the config
# itself if there is none), and the skylt and skylt-studio system users.
install: release
	install -D -s -m 0755 .build/release/skylt $(DESTDIR)$(PREFIX)/bin/skylt
	mkdir -p $(DESTDIR)$(PREFIX)/share/skylt/Playlists
	cp -R Playlists/demo $(DESTDIR)$(PREFIX)/share/skylt/Playlists/
	install -D -m 0644 systemd/skylt.service $(DESTDIR)$(SYSTEMD_DIR)/skylt.service
	install -D -m 0644 systemd/skylt-feeds.service $(DESTDIR)$(SYSTEMD_DIR)/skylt-feeds.service
	install -D -s -m 0755 .build/release/skylt-studio $(DESTDIR)$(PREFIX)/bin/skylt-studio
	install -D -m 0644 systemd/skylt-studio.service $(DESTDIR)$(SYSTEMD_DIR)/skylt-studio.service
	install -D -m 0644 Assets/config.example.json $(DESTDIR)/etc/skylt/config.example.json
	[ -e $(DESTDIR)/etc/skylt/config.json ] || install -m 0644 Assets/config.example.json $(DESTDIR)/etc/skylt/config.json
	@if [ -z "$(DESTDIR)" ] && ! id skylt >/dev/null 2>&1; then \
		$(SUDO) useradd --system --home-dir /var/lib/skylt --no-create-home --shell /usr/sbin/nologin skylt; \
		for group in video render input; do getent group $$group >/dev/null && $(SUDO) usermod -aG $$group skylt; done; \
		echo "Created the skylt user"; \
	fi
	@if [ -z "$(DESTDIR)" ] && ! id skylt-studio >/dev/null 2>&1; then \
		$(SUDO) useradd --system --home-dir /var/lib/skylt-studio --no-create-home --shell /usr/sbin/nologin skylt-studio; \
		echo "Created the skylt-studio user (the studio's unit runs as it; give it the site folder)"; \
	fi
	@if [ -z "$(DESTDIR)" ] && command -v systemctl >/dev/null && [ -d /run/systemd/system ]; then \
		$(SUDO) systemctl daemon-reload; echo "Enable with: systemctl enable --now skylt (on a kiosk) or skylt-studio (on the studio server)"; fi

# Debian packages: `make deb` writes dist/skylt_<version>_<arch>.deb (the player) and
# dist/skylt-studio_<version>_<arch>.deb from the release build (packaging/build-deb.sh stages
# them under $(DEB_STAGE)). The version is SkyltVersion.string with the packaging's revision
# unless DEB_VERSION says otherwise (`make deb-version` prints it); `make deb-package` packages
# what $(DEB_BUILD) holds without building, so a test or a build done elsewhere can be
# packaged as another version.
SKYLT_VERSION := $(shell sed -n 's/.*static let string = "\([^"]*\)".*/\1/p' Sources/SkyltCore/Version.swift)
DEB_REVISION ?= 1
DEB_VERSION ?= $(SKYLT_VERSION)-$(DEB_REVISION)
DEB_ARCH ?= $(shell dpkg --print-architecture)
DEB_BUILD ?= .build/release
DEB_STAGE ?= .build/deb
DEB_DIST ?= dist
DEB_MAINTAINER ?= Skylt maintainers <maintainers@skylt.example.org>
# dpkg-deb's compression: xz packs the 80 MB binaries to 15 MB in about a minute each here.
DEB_COMPRESSION ?= -Zxz
# Making the packages: dpkg-deb and dpkg-shlibdeps (dpkg-dev), strip (binutils).
DEB_PACKAGING_PACKAGES := dpkg-dev binutils
# Checking them: lintian; the install tests use the host's dpkg, adduser and overlayfs; the
# apt repository's test (Tools/apt-repository, packaging/apt) needs reprepro, GnuPG and
# unattended-upgrades.
PACKAGE_TEST_PACKAGES := lintian reprepro gnupg unattended-upgrades

deb-version:
	@echo $(DEB_VERSION)

deb: release
	$(MAKE) deb-package

deb-package:
	@./.ci/install-packages $(DEB_PACKAGING_PACKAGES)
	@for package in skylt skylt-studio; do \
		packaging/build-deb.sh $$package "$(DEB_VERSION)" "$(DEB_ARCH)" "$(DEB_BUILD)" "$(DEB_STAGE)" \
			"$(DEB_DIST)" "$(DEB_MAINTAINER)" "$(DEB_COMPRESSION)" || exit 1; \
	done

# The packages' contents, control fields and lintian, then install, upgrade (to a second build
# with a higher version), remove and purge through the real maintainer scripts in a throwaway
# overlay of this machine's root (needs root; skips otherwise); and the signed apt repository
# built from these packages. Reuses the release build.
.PHONY: deb deb-version deb-package package-test
package-test: deb
	@./.ci/install-packages $(PACKAGE_TEST_PACKAGES)
	SKYLT_DEB_DIR=$(abspath $(DEB_DIST)) SKYLT_DEB_BUILD=$(abspath $(DEB_BUILD)) \
		$(PYTHON) -m unittest discover -s Tests/Packaging -v

clean:
	rm -rf .build $(DEB_DIST)
