# ClaimDesk. `make run` starts the app on a ready-to-use local database;
# `make test` runs every check CI runs. Both install missing OS packages
# first (scripts/deps).

GO ?= go
export LANG := en_US.UTF-8
BIN := bin

.PHONY: run test build claimctl claimdesk deps-gui deps-test lint unit smoke claimctl-headless bench screenshots package clean

run: deps-gui claimdesk claimctl
	@db=$$($(BIN)/claimctl db path); \
	if [ ! -f "$$db" ]; then \
		echo "No database yet: creating a demo database at $$db"; \
		$(BIN)/claimctl demo --db "$$db" || exit 1; \
	fi; \
	echo "Opening $$db"; \
	$(BIN)/claimdesk --db "$$db"

test: deps-test lint claimctl-headless unit smoke

# The real GUI opens on a demo database under Xvfb.
smoke:
	scripts/smoke-gui

deps-gui:
	@scripts/deps gui
deps-test:
	@scripts/deps test

claimdesk:
	$(GO) build -o $(BIN)/claimdesk ./cmd/claimdesk

claimctl:
	CGO_ENABLED=0 $(GO) build -o $(BIN)/claimctl ./cmd/claimctl

build: claimdesk claimctl

# The CLI must stay headless: it builds without cgo.
claimctl-headless:
	CGO_ENABLED=0 $(GO) build -o /dev/null ./cmd/claimctl

lint:
	@out=$$(gofmt -l cmd internal resources); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

unit:
	$(GO) test -timeout 30m ./...

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./internal/...

screenshots: deps-gui
	scripts/screenshots docs/screenshots

# Linux package (see README): passes every value on the command line so the
# FyneApp.toml build number is never bumped.
package: deps-gui
	$(GO) run fyne.io/tools/cmd/fyne@v1.7.4 package -os linux --src cmd/claimdesk \
		--icon "$(CURDIR)/resources/Icon.png" --name ClaimDesk --app-id org.claimdesk.app \
		--app-version $$(sed -n 's/^ *Version *= *"\(.*\)"/\1/p' FyneApp.toml) --app-build 1 --release
	@git checkout -- FyneApp.toml 2>/dev/null || true

clean:
	rm -rf $(BIN)
