package main

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The built binary stops cleanly on SIGTERM and on SIGINT.
func TestBinaryStopsGracefullyOnSignal(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "lethe")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		t.Run(sig.String(), func(t *testing.T) {
			cmd := exec.Command(bin, "serve")
			cmd.Env = append(os.Environ(), "LETHE_ADDR=127.0.0.1:0", "LETHE_DATA_DIR="+t.TempDir(), "LETHE_DATABASE_URL=", "LETHE_REDIS_URL=", "LETHE_SECRET_KEY=")
			stderr, _ := cmd.StderrPipe()
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			sc := bufio.NewScanner(stderr)
			var lines []string
			addr := regexp.MustCompile(`addr=(\S+)`)
			for sc.Scan() {
				lines = append(lines, sc.Text())
				if addr.MatchString(sc.Text()) {
					break
				}
			}
			cmd.Process.Signal(sig)
			done := make(chan error, 1)
			go func() {
				for sc.Scan() {
					lines = append(lines, sc.Text())
				}
				done <- cmd.Wait()
			}()
			select {
			case err := <-done:
				if err != nil {
					t.Fatalf("exit: %v\n%s", err, strings.Join(lines, "\n"))
				}
			case <-time.After(60 * time.Second):
				cmd.Process.Kill()
				t.Fatal("did not stop within 60 s")
			}
			if !strings.Contains(strings.Join(lines, "\n"), "msg=stopped") {
				t.Fatalf("no orderly stop logged:\n%s", strings.Join(lines, "\n"))
			}
		})
	}
}
