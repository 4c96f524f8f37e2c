package main

import (
	"context"
	"flag"

	"github.com/tokumu/tokumu/web"
)

// serveOptions are serve's own flags.
type serveOptions struct {
	addr     string
	maxConns int
	read     string
	secure   bool
}

var cmdServe = &command{
	name: "serve",
	summary: `Serve the corpus over HTTP on localhost: the web UI on /, a JSON API under /api/.

It listens on 127.0.0.1:8080 by default (--addr); it makes no network
request of its own, and the pages fetch nothing from another host (the
scripts, styles and basemap are in the binary). When the database file is
replaced ('tokumu import' onto it) or on SIGHUP it reloads: requests see
the old data or the new, never a mix.`,
	flags: func(fs *flag.FlagSet, m *Main) {
		fs.StringVar(&opts[serveOptions](m).addr, "addr", "127.0.0.1:8080", "address to listen on")
		fs.IntVar(&opts[serveOptions](m).maxConns, "max-conns", web.DefaultLimits.Conns, "most connections open at once (at the cap the longest-idle one is closed)")
		fs.BoolVar(&opts[serveOptions](m).secure, "secure-cookies", false, "mark the sign-in cookie Secure (behind a proxy that ends TLS)")
		fs.StringVar(&opts[serveOptions](m).read, "read", "open", "who may read: `open` (anyone) or account (an account of any role, by token or sign-in)")
	},
	run: func(ctx context.Context, m *Main, args []string) error {
		if len(args) != 0 {
			return usagef("tokumu serve --addr 127.0.0.1:8080", "serve takes no arguments")
		}
		o := opts[serveOptions](m)
		if o.maxConns < 1 {
			return usagef("tokumu serve --max-conns 256", "--max-conns=%d: give at least 1", o.maxConns)
		}
		if o.read != "open" && o.read != "account" {
			return usagef("tokumu serve --read account", "--read=%q: give open or account", o.read)
		}
		return m.serve(ctx, o.addr, o.maxConns)
	},
}
