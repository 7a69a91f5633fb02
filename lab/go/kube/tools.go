//go:build tools

// Package tools pins the upstream Kubernetes control-plane commands that the
// lab builds. Nothing here is compiled into Meshdeck; `go build` targets the
// command packages directly (see lab/scripts/build-binaries.sh).
package tools

import (
	_ "k8s.io/kubernetes/cmd/kube-apiserver/app"
	_ "k8s.io/kubernetes/cmd/kube-controller-manager/app"
	_ "k8s.io/kubernetes/cmd/kube-scheduler/app"
)
