package testenv

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/redis/go-redis/v9"
)

// Redis kinds every queue test runs against.
const (
	RealRedis   = "redis"
	MemoryRedis = "miniredis"
)

// RedisKinds lists both.
var RedisKinds = []string{RealRedis, MemoryRedis}

// RedisServer is the real server tests use.
func RedisServer() string { return env("LETHE_TEST_REDIS_URL", "redis://127.0.0.1:6379") }

// Redis returns the URL of an empty Redis database for this test alone.
// Real Redis: one of databases 1-15, reserved with a lock key in database 0
// so that test packages running in parallel never share one, and flushed.
// Tests must flush only their own database (FLUSHDB), never FLUSHALL.
// Memory: a miniredis server of its own.
func Redis(t testing.TB, kind string) string {
	t.Helper()
	if kind == MemoryRedis {
		m := miniredis.RunT(t)
		return "redis://" + m.Addr()
	}
	base := RedisServer()
	opt, err := redis.ParseURL(base)
	if err != nil {
		t.Fatal(err)
	}
	opt.DB = 0
	c := redis.NewClient(opt)
	defer c.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	if err := c.Ping(ctx).Err(); err != nil {
		Unavailable(t, "redis at %s: %v", base, err)
	}
	owner := fmt.Sprintf("%d-%s", os.Getpid(), randomHex(4))
	for i := 0; i < 600; i++ {
		for db := 1; db <= 15; db++ {
			lock := fmt.Sprintf("lethe:testdb:%d", db)
			ok, err := c.SetNX(ctx, lock, owner, 45*time.Minute).Result()
			if err != nil {
				t.Fatal(err)
			}
			if !ok {
				continue
			}
			u, _ := url.Parse(base)
			u.Path = fmt.Sprintf("/%d", db)
			dbOpt := *opt
			dbOpt.DB = db
			dc := redis.NewClient(&dbOpt)
			dc.FlushDB(ctx)
			dc.Close()
			t.Cleanup(func() {
				c := redis.NewClient(opt)
				defer c.Close()
				ctx := context.Background()
				if c.Get(ctx, lock).Val() == owner {
					c.Del(ctx, lock)
				}
			})
			return u.String()
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatal("no free Redis test database after 60 s")
	return ""
}
