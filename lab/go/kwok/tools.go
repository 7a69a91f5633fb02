//go:build tools

// Package tools pins the upstream kwok module that the lab builds. Nothing here
// is compiled into Meshdeck; lab/scripts/build-binaries.sh runs
// `go build sigs.k8s.io/kwok/cmd/kwok` from this directory.
package tools

import (
	_ "sigs.k8s.io/kwok/pkg/kwok/cmd"
)
