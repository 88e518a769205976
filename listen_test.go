package main

import (
	"net"
	"strings"
	"testing"
)

// TestListenSaysTheAddressIsTaken: a busy address is reported once, plainly,
// naming HUOBAN_ADDR, before anything claims to be listening.
func TestListenSaysTheAddressIsTaken(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	_, err = listen(busy.Addr().String())
	if err == nil || !strings.Contains(err.Error(), "already in use") || !strings.Contains(err.Error(), "HUOBAN_ADDR") ||
		!strings.Contains(err.Error(), busy.Addr().String()) {
		t.Fatalf("busy address: %v", err)
	}
	ln, err := listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ln.Close()
}
