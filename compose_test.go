package main

import (
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
)

// The scale profile of docker-compose.yml validates, and nginx's upstream
// names exactly the replicas it defines (docker-compose, when installed).
func TestComposeScaleProfile(t *testing.T) {
	bin, err := exec.LookPath("docker-compose")
	if err != nil {
		t.Skip("docker-compose is not installed")
	}
	for _, profile := range []string{"", "scale"} {
		args := []string{"config"}
		if profile != "" {
			args = []string{"--profile", profile, "config"}
		}
		cmd := exec.Command(bin, args...)
		cmd.Env = append(os.Environ(), "HUOBAN_JWT_SECRET=compose-test-secret-0123456789abcdef")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("docker-compose %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		if profile == "" {
			continue
		}
		var replicas []string
		for _, m := range regexp.MustCompile(`(?m)^  (huoban-\d+):$`).FindAllStringSubmatch(string(out), -1) {
			replicas = append(replicas, m[1])
		}
		for _, svc := range []string{"postgres", "proxy"} {
			if !strings.Contains(string(out), "\n  "+svc+":\n") {
				t.Errorf("the scale profile lacks %s", svc)
			}
		}
		if len(replicas) < 2 {
			t.Fatalf("the scale profile has %d replicas, want 2 or more", len(replicas))
		}
		conf, err := os.ReadFile("deploy/nginx-scale.conf")
		if err != nil {
			t.Fatal(err)
		}
		var upstream []string
		for _, m := range regexp.MustCompile(`(?m)^\s*server (huoban-\d+):8080 `).FindAllStringSubmatch(string(conf), -1) {
			upstream = append(upstream, m[1])
		}
		if strings.Join(upstream, ",") != strings.Join(replicas, ",") {
			t.Fatalf("nginx upstream %v, compose replicas %v", upstream, replicas)
		}
	}
}
