package webhook

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"syscall"
	"time"
)

// ErrForbiddenTarget is a target address webhooks may not reach: loopback,
// private, link-local, multicast or unspecified (unless private targets are allowed).
var ErrForbiddenTarget = errors.New("the target address is loopback, private, link-local, multicast or unspecified")

// extraForbidden are ranges that are private in practice though the
// netip predicates do not say so.
var extraForbidden = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),      // "this network"
	netip.MustParsePrefix("100.64.0.0/10"),  // carrier-grade NAT
	netip.MustParsePrefix("192.0.0.0/24"),   // IETF protocol assignments
	netip.MustParsePrefix("198.18.0.0/15"),  // benchmarking
	netip.MustParsePrefix("240.0.0.0/4"),    // reserved, and the broadcast address
	netip.MustParsePrefix("64:ff9b::/96"),   // NAT64: embeds an IPv4 address
	netip.MustParsePrefix("64:ff9b:1::/48"), // local-use NAT64
	netip.MustParsePrefix("2002::/16"),      // 6to4: embeds an IPv4 address
	netip.MustParsePrefix("fec0::/10"),      // deprecated site-local
	netip.MustParsePrefix("100::/64"),       // discard-only
}

// Forbidden reports whether webhooks must not reach ip.
func Forbidden(ip netip.Addr) bool {
	ip = ip.Unmap()
	if !ip.IsValid() || ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() ||
		ip.IsInterfaceLocalMulticast() || ip.IsMulticast() || ip.IsUnspecified() {
		return true
	}
	for _, p := range extraForbidden {
		if p.Contains(ip) {
			return true
		}
	}
	return false
}

// dialControl is the net.Dialer Control hook: it runs on every connection
// attempt with the address DNS resolved to, so a name that resolves to a
// private address — now, or only on a later attempt (DNS rebinding) — is
// refused before anything is sent.
func dialControl(_, address string, _ syscall.RawConn) error {
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		return err
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return fmt.Errorf("%w: %s", ErrForbiddenTarget, host)
	}
	if Forbidden(ip) {
		return fmt.Errorf("%w: %s", ErrForbiddenTarget, ip)
	}
	return nil
}

// CheckURL validates a webhook URL: http or https with a host, and (unless
// allowPrivate) a host that resolves only to addresses webhooks may reach.
// It returns a message for the client, or "" when the URL is fine.
func CheckURL(ctx context.Context, raw string, allowPrivate bool) string {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil || len(raw) > 2048 {
		return "must be an http(s) URL without credentials"
	}
	if allowPrivate {
		return ""
	}
	host := u.Hostname()
	if ip, err := netip.ParseAddr(host); err == nil {
		if Forbidden(ip) {
			return "must not point to a loopback, private, link-local, multicast or unspecified address"
		}
		return ""
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	addrs, err := net.DefaultResolver.LookupNetIP(ctx, "ip", host)
	if err != nil {
		// A name that does not resolve now is not refused: every delivery
		// checks the address it resolves to then.
		return ""
	}
	for _, a := range addrs {
		if Forbidden(a) {
			return "resolves to a loopback, private, link-local, multicast or unspecified address"
		}
	}
	return ""
}
