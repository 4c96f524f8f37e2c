package main

import (
	"context"
	"flag"
	"fmt"
	"net"

	"github.com/tokumu/tokumu/web"
)

// serveOptions are serve's own flags.
type serveOptions struct {
	addr string
}

var cmdServe = &command{
	name: "serve",
	summary: `Serve the corpus over HTTP on localhost: the web UI on /, a JSON API under /api/.

It listens on 127.0.0.1:8080 by default (--addr); it makes no network
request of its own, and the pages fetch nothing from another host (the
scripts, styles and basemap are in the binary).`,
	flags: func(fs *flag.FlagSet, m *Main) {
		fs.StringVar(&opts[serveOptions](m).addr, "addr", "127.0.0.1:8080", "address to listen on")
	},
	run: func(ctx context.Context, m *Main, args []string) error {
		if len(args) != 0 {
			return usagef("tokumu serve --addr 127.0.0.1:8080", "serve takes no arguments")
		}
		db, err := m.openStore(ctx)
		if err != nil {
			return err
		}
		defer db.Close()
		srv, err := web.New(ctx, db)
		if err != nil {
			return err
		}
		ln, err := net.Listen("tcp", opts[serveOptions](m).addr)
		if err != nil {
			return err
		}
		fmt.Fprintf(m.Stderr, "tokumu: serving on http://%s/ (API: http://%s/api/)\n", ln.Addr(), ln.Addr())
		return srv.ListenAndServe(ctx, ln)
	},
}
