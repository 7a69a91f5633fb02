//go:build tools

// Package tools pins the upstream etcd server module that the lab builds.
// Nothing here is compiled into Meshdeck; lab/scripts/build-binaries.sh runs
// `go build go.etcd.io/etcd/server/v3` (the module root is package main) from
// this directory so that the sibling etcd modules resolve at the same version.
package tools

import (
	_ "go.etcd.io/etcd/server/v3/etcdmain"
)
