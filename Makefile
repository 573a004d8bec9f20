# Build, install and package posagent for a store PC (docs/install.md).
#   make                     release build of the posagent binary
#   make install DESTDIR=… PREFIX=…
#   make uninstall           removes what install put there; keeps the configuration and the ledger
#   make deb                 posagent_<version>_amd64.deb with dpkg-deb

SHELL := /bin/bash
PATH := /opt/swift/usr/bin:$(PATH)

# The one place the version is written: PosAgentVersion.current.
VERSION := $(shell sed -n 's/^ *static let current = "\(.*\)"$$/\1/p' Sources/PosAgent/PosAgentCommand.swift)
ARCH := amd64
DEB := .build/deb/posagent_$(VERSION)_$(ARCH).deb

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
DOCDIR ?= $(PREFIX)/share/doc/posagent
MANDIR ?= $(PREFIX)/share/man
SYSCONFDIR ?= /etc
SYSUSERSDIR ?= $(PREFIX)/lib/sysusers.d
TMPFILESDIR ?= $(PREFIX)/lib/tmpfiles.d
# Debian 12 keeps packaged units and udev rules under /lib; udev reads no rules under /usr/local.
ifeq ($(PREFIX),/usr)
UNITDIR ?= /lib/systemd/system
UDEVRULESDIR ?= /lib/udev/rules.d
else
UNITDIR ?= $(PREFIX)/lib/systemd/system
UDEVRULESDIR ?= $(SYSCONFDIR)/udev/rules.d
endif

SWIFT_CONFIGURATION ?= release
# The standard library linked in, and no RUNPATH: the binary needs no Swift toolchain on the store PC.
SWIFT_BUILD_FLAGS ?= -c $(SWIFT_CONFIGURATION) --product posagent --static-swift-stdlib --disable-local-rpath \
	-Xlinker -z -Xlinker relro -Xlinker -z -Xlinker now
BINARY := .build/$(SWIFT_CONFIGURATION)/posagent

DOCS := docs/install.md docs/configuration.md docs/devices.md docs/api.md docs/web.md docs/otp.md docs/managers.md
# umask 022 for every directory install creates on the way.
MKDIR := umask 022 && install -d -m 0755

.PHONY: all build install uninstall deb version clean-deb
all: build

version:
	@echo $(VERSION)

build:
	swift build $(SWIFT_BUILD_FLAGS)

install: build
	$(MKDIR) $(DESTDIR)$(BINDIR) $(DESTDIR)$(UNITDIR) $(DESTDIR)$(UDEVRULESDIR) $(DESTDIR)$(SYSUSERSDIR) \
		$(DESTDIR)$(TMPFILESDIR) $(DESTDIR)$(SYSCONFDIR)/posagent $(DESTDIR)$(DOCDIR) $(DESTDIR)$(MANDIR)/man1
	install -m 0755 $(BINARY) $(DESTDIR)$(BINDIR)/posagent
	sed 's|/usr/bin/posagent|$(BINDIR)/posagent|' systemd/posagent.service > $(DESTDIR)$(UNITDIR)/posagent.service
	chmod 0644 $(DESTDIR)$(UNITDIR)/posagent.service
	install -m 0644 systemd/90-posagent.rules $(DESTDIR)$(UDEVRULESDIR)/90-posagent.rules
	install -m 0644 systemd/posagent.sysusers $(DESTDIR)$(SYSUSERSDIR)/posagent.conf
	install -m 0644 systemd/posagent.tmpfiles $(DESTDIR)$(TMPFILESDIR)/posagent.conf
	@# An admin's configuration is never overwritten.
	test -e $(DESTDIR)$(SYSCONFDIR)/posagent/posagent.toml || \
		install -m 0644 systemd/posagent.toml $(DESTDIR)$(SYSCONFDIR)/posagent/posagent.toml
	install -m 0644 $(DOCS) $(DESTDIR)$(DOCDIR)/
	install -m 0644 packaging/posagent.1 $(DESTDIR)$(MANDIR)/man1/posagent.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/posagent $(DESTDIR)$(UNITDIR)/posagent.service \
		$(DESTDIR)$(UDEVRULESDIR)/90-posagent.rules $(DESTDIR)$(SYSUSERSDIR)/posagent.conf \
		$(DESTDIR)$(TMPFILESDIR)/posagent.conf $(DESTDIR)$(MANDIR)/man1/posagent.1 $(addprefix $(DESTDIR)$(DOCDIR)/,$(notdir $(DOCS)))
	-rmdir $(DESTDIR)$(DOCDIR)

STAGE := .build/deb/posagent_$(VERSION)_$(ARCH)

deb: build
	@test "$$(sed -n '1s/^posagent (\(.*\)) .*/\1/p' packaging/changelog)" = "$(VERSION)" \
		|| { echo "packaging/changelog has no entry for version $(VERSION): add one at the top" >&2; exit 1; }
	rm -rf $(STAGE) $(DEB)
	$(MAKE) --no-print-directory install DESTDIR=$(CURDIR)/$(STAGE) PREFIX=/usr
	strip --strip-unneeded --remove-section=.comment --remove-section=.note $(STAGE)/usr/bin/posagent
	gzip -9n $(STAGE)/usr/share/doc/posagent/*.md $(STAGE)/usr/share/man/man1/posagent.1
	install -m 0644 packaging/copyright $(STAGE)/usr/share/doc/posagent/copyright
	install -d -m 0755 $(STAGE)/usr/share/lintian/overrides
	install -m 0644 packaging/lintian-overrides $(STAGE)/usr/share/lintian/overrides/posagent
	gzip -9nc packaging/changelog > $(STAGE)/usr/share/doc/posagent/changelog.gz
	chmod 0644 $(STAGE)/usr/share/doc/posagent/changelog.gz
	$(MKDIR) $(STAGE)/DEBIAN
	sed -e 's/@VERSION@/$(VERSION)/' -e 's/@ARCH@/$(ARCH)/' \
		-e "s/@INSTALLED_SIZE@/$$(du -sk --exclude=DEBIAN $(STAGE) | cut -f1)/" \
		packaging/control > $(STAGE)/DEBIAN/control
	install -m 0644 packaging/conffiles $(STAGE)/DEBIAN/conffiles
	install -m 0755 packaging/postinst packaging/prerm packaging/postrm $(STAGE)/DEBIAN/
	cd $(STAGE) && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | LC_ALL=C sort -z | xargs -0 md5sum > DEBIAN/md5sums
	chmod 0644 $(STAGE)/DEBIAN/control $(STAGE)/DEBIAN/md5sums
	dpkg-deb --root-owner-group -Zxz --build $(STAGE) $(DEB)
	@echo "built $(DEB)"

clean-deb:
	rm -rf .build/deb
