package jobs

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/hibiken/asynq"
	"github.com/redis/go-redis/v9"
)

// Redis is the connection the queue runs on: a server named by URL, or an
// in-process miniredis when the URL is empty (the embedded default).
type Redis struct {
	Opt      asynq.RedisConnOpt
	client   redis.UniversalClient
	mini     *miniredis.Miniredis
	Embedded bool
}

// OpenRedis connects to url (redis://, rediss://, redis-sentinel://) and
// checks that it answers; an empty url starts an in-process Redis.
func OpenRedis(ctx context.Context, url string) (*Redis, error) {
	quietRedis.Do(func() { redis.SetLogger(discardLogger{}) })
	r := &Redis{}
	if url == "" {
		m := miniredis.NewMiniRedis()
		if err := m.Start(); err != nil {
			return nil, fmt.Errorf("start in-process redis: %w", err)
		}
		r.mini, r.Embedded = m, true
		r.Opt = asynq.RedisClientOpt{Addr: m.Addr()}
	} else {
		opt, err := asynq.ParseRedisURI(url)
		if err != nil {
			return nil, fmt.Errorf("cannot parse the URL: %w", err)
		}
		r.Opt = opt
	}
	c, ok := r.Opt.MakeRedisClient().(redis.UniversalClient)
	if !ok {
		return nil, fmt.Errorf("unsupported redis connection %T", r.Opt)
	}
	r.client = c
	pctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := c.Ping(pctx).Err(); err != nil {
		r.Close()
		return nil, fmt.Errorf("cannot reach redis: %w", err)
	}
	return r, nil
}

// Ping checks that Redis answers.
func (r *Redis) Ping(ctx context.Context) error { return r.client.Ping(ctx).Err() }

// Client is a plain client for the same server (tests, health checks).
func (r *Redis) Client() redis.UniversalClient { return r.client }

// Close closes the client and stops an in-process server.
func (r *Redis) Close() error {
	err := r.client.Close()
	if r.mini != nil {
		r.mini.Close()
	}
	return err
}

// go-redis logs dial failures to stderr by itself; we report errors where
// they happen instead.
var quietRedis sync.Once

type discardLogger struct{}

func (discardLogger) Printf(context.Context, string, ...any) {}
