// Package metrics holds Lethe's Prometheus collectors. Labels carry route
// patterns, task types and outcomes — never personal data.
package metrics

import (
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
)

// Metrics is one registry with the collectors of every component.
type Metrics struct {
	Registry     *prometheus.Registry
	HTTPRequests *prometheus.CounterVec   // route, method, code
	HTTPDuration *prometheus.HistogramVec // route, method
	JobRuns      *prometheus.CounterVec   // type, outcome
	JobDuration  *prometheus.HistogramVec // type
}

// New builds a registry with Go and process collectors.
func New() *Metrics {
	r := prometheus.NewRegistry()
	m := &Metrics{
		Registry: r,
		HTTPRequests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "lethe_http_requests_total", Help: "HTTP requests by route pattern, method and status code.",
		}, []string{"route", "method", "code"}),
		HTTPDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "lethe_http_request_duration_seconds", Help: "HTTP request latency by route pattern.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5},
		}, []string{"route", "method"}),
		JobRuns: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "lethe_job_runs_total", Help: "Job runs by task type and outcome (done, retry, failed, skipped, interrupted, lost: the lease was taken over).",
		}, []string{"type", "outcome"}),
		JobDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "lethe_job_duration_seconds", Help: "Job run time by task type.",
			Buckets: prometheus.ExponentialBuckets(0.005, 3, 10),
		}, []string{"type"}),
	}
	r.MustRegister(m.HTTPRequests, m.HTTPDuration, m.JobRuns, m.JobDuration,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// GaugeFunc is a labelled gauge read at scrape time.
type GaugeFunc struct {
	desc *prometheus.Desc
	read func() (map[string]float64, error)
}

// NewGaugeFunc describes a gauge with one label whose values read returns.
func NewGaugeFunc(name, help, label string, read func() (map[string]float64, error)) *GaugeFunc {
	return &GaugeFunc{desc: prometheus.NewDesc(name, help, []string{label}, nil), read: read}
}

// Describe implements prometheus.Collector.
func (g *GaugeFunc) Describe(ch chan<- *prometheus.Desc) { ch <- g.desc }

// Collect implements prometheus.Collector.
func (g *GaugeFunc) Collect(ch chan<- prometheus.Metric) {
	vals, err := g.read()
	if err != nil {
		ch <- prometheus.NewInvalidMetric(g.desc, err)
		return
	}
	for k, v := range vals {
		ch <- prometheus.MustNewConstMetric(g.desc, prometheus.GaugeValue, v, k)
	}
}
