package main

import (
	"context"
	"flag"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/tokumu/tokumu"
)

type userOptions struct{ role string }

var cmdUser = &command{
	name: "user",
	args: "add NAME | list | role NAME ROLE | revoke NAME",
	summary: `Manage the accounts of a team server.

'tokumu user add NAME --role editor' creates an account and prints its API
token once: the database keeps only a hash of it, so a lost token cannot be
shown again (revoke it and add another with 'tokumu token add NAME').
Roles: reader (reads a closed server), editor (writes and reverts),
admin (as an editor for now: accounts are managed here, on the command
line). 'tokumu user list' lists the accounts with their tokens' ids.
'tokumu user role NAME ROLE' changes an account's role from its next
request on. 'tokumu user revoke NAME' revokes every token of the account
and ends its browser sessions, for a member who leaves: the account stays,
so that the history keeps naming who wrote what. Every write through the
API and the web forms is signed with the account's name.`,
	flags: func(fs *flag.FlagSet, m *Main) {
		fs.StringVar(&opts[userOptions](m).role, "role", "editor", "the new account's `ROLE`: reader, editor or admin")
	},
	run: func(ctx context.Context, m *Main, args []string) error {
		if len(args) == 0 {
			return usagef("tokumu user add NAME --role editor", "user needs add or list")
		}
		switch args[0] {
		case "add":
			if len(args) != 2 {
				return usagef("tokumu user add alice --role editor", "user add takes one account name")
			}
			role, err := tokumu.ParseAccountRole(opts[userOptions](m).role)
			if err != nil {
				return usagef("tokumu user add "+args[1]+" --role editor", "--role: %s", tokumu.ErrorMessage(err))
			}
			if err := tokumu.ValidateAccountName(args[1]); err != nil {
				return usagef("tokumu user add alice --role editor", "%s", tokumu.ErrorMessage(err))
			}
			acc, err := m.openAccounts(ctx)
			if err != nil {
				return err
			}
			defer acc.Close()
			text, tok, err := tokumu.NewToken(args[1], tokumu.TokenAPI, time.Now(), 0)
			if err != nil {
				return err
			}
			if err := acc.AddAccount(ctx, &tokumu.Account{Name: args[1], Role: role, Created: tok.Created}, tok); err != nil {
				return err
			}
			return m.printToken(args[1], role, tok, text)
		case "list":
			if len(args) != 1 {
				return usagef("tokumu user list", "user list takes no arguments")
			}
			acc, err := m.openAccounts(ctx)
			if err != nil {
				return err
			}
			defer acc.Close()
			return m.listUsers(ctx, acc)
		case "role":
			if len(args) != 3 {
				return usagef("tokumu user role rita editor", "user role takes an account name and a role")
			}
			role, err := tokumu.ParseAccountRole(args[2])
			if err != nil {
				return usagef("tokumu user role "+args[1]+" editor", "%s", tokumu.ErrorMessage(err))
			}
			acc, err := m.openAccounts(ctx)
			if err != nil {
				return err
			}
			defer acc.Close()
			if err := acc.SetRole(ctx, args[1], role); err != nil {
				return err
			}
			fmt.Fprintf(m.Stdout, "%s is now %s %s\n", args[1], article(string(role)), role)
			return nil
		case "revoke":
			if len(args) != 2 {
				return usagef("tokumu user revoke rita", "user revoke takes one account name")
			}
			acc, err := m.openAccounts(ctx)
			if err != nil {
				return err
			}
			defer acc.Close()
			toks, err := acc.Tokens(ctx, args[1])
			if err != nil {
				return err
			}
			if len(toks) == 0 {
				return tokumu.Errorf(tokumu.ENOTFOUND, "no account %q, or it has no tokens (tokumu user list shows them)", args[1])
			}
			n := 0
			for _, t := range toks {
				if !t.Revoked.IsZero() {
					continue
				}
				if err := acc.RevokeToken(ctx, t.ID); err != nil {
					return err
				}
				n++
			}
			fmt.Fprintf(m.Stdout, "revoked %s of %s: the account stays, with its name on its revisions; tokumu token add %s gives it a new one\n", count(n, "token or session", "tokens and sessions"), args[1], args[1])
			return nil
		}
		return usagef("tokumu user add NAME --role editor", "user %q: the subcommands are add, list, role and revoke", args[0])
	},
}

var cmdToken = &command{
	name: "token",
	args: "add NAME | revoke ID",
	summary: `Add or revoke an account's API tokens.

'tokumu token add NAME' prints a new token for the account once;
'tokumu token revoke ID' revokes the token whose id 'tokumu user list'
shows (the 16 hex digits after "tokumu_" in the token): the next request
that sends it gets 401, and every browser session of its account ends
(sessions opened with the account's other tokens too).`,
	run: func(ctx context.Context, m *Main, args []string) error {
		if len(args) != 2 || (args[0] != "add" && args[0] != "revoke") {
			return usagef("tokumu token revoke 0123456789abcdef", "token takes add NAME or revoke ID")
		}
		acc, err := m.openAccounts(ctx)
		if err != nil {
			return err
		}
		defer acc.Close()
		if args[0] == "revoke" {
			id := args[1]
			if tid, _, ok := tokumu.ParseToken(id); ok {
				id = tid // the whole token was pasted: revoke it by its id
			}
			if err := acc.RevokeToken(ctx, id); err != nil {
				return err
			}
			n, err := endSessions(ctx, acc, id)
			if err != nil {
				return err
			}
			switch n {
			case 0:
				fmt.Fprintf(m.Stdout, "revoked token %s\n", id)
			case 1:
				fmt.Fprintf(m.Stdout, "revoked token %s and ended its account's browser session\n", id)
			default:
				fmt.Fprintf(m.Stdout, "revoked token %s and ended its account's %d browser sessions\n", id, n)
			}
			return nil
		}
		text, tok, err := tokumu.NewToken(args[1], tokumu.TokenAPI, time.Now(), 0)
		if err != nil {
			return err
		}
		if err := acc.AddToken(ctx, tok); err != nil {
			return err
		}
		return m.printToken(args[1], "", tok, text)
	},
}

// accountStore is a store that keeps accounts: the SQLite and PostgreSQL
// stores both do.
type accountStore interface {
	tokumu.Store
	tokumu.Accounts
}

func (m *Main) openAccounts(ctx context.Context) (accountStore, error) {
	db, err := m.openStore(ctx)
	if err != nil {
		return nil, err
	}
	acc, ok := db.(accountStore)
	if !ok {
		db.Close()
		return nil, fmt.Errorf("this database keeps no accounts")
	}
	return acc, nil
}

func (m *Main) printToken(name string, role tokumu.AccountRole, tok *tokumu.Token, text string) error {
	if m.JSON {
		return writeJSON(m.Stdout, map[string]string{"account": name, "role": string(role), "id": tok.ID, "token": text})
	}
	if role != "" {
		fmt.Fprintf(m.Stdout, "account %s (%s) created\n", name, role)
	}
	fmt.Fprintf(m.Stdout, "token %s for %s — shown once, keep it secret:\n%s\n", tok.ID, name, text)
	fmt.Fprintln(m.Stdout, "use it as 'Authorization: Bearer TOKEN' on the API, or sign in with it on /signin")
	return nil
}

func (m *Main) listUsers(ctx context.Context, acc accountStore) error {
	as, err := acc.Accounts(ctx)
	if err != nil {
		return err
	}
	type tokenJSON struct {
		ID      string    `json:"id"`
		Kind    string    `json:"kind"`
		Created time.Time `json:"created"`
		Expires time.Time `json:"expires,omitzero"`
		Revoked time.Time `json:"revoked,omitzero"`
	}
	type userJSON struct {
		*tokumu.Account
		Tokens []tokenJSON `json:"tokens"`
	}
	var out []userJSON
	for _, a := range as {
		ts, err := acc.Tokens(ctx, a.Name)
		if err != nil {
			return err
		}
		u := userJSON{Account: a, Tokens: []tokenJSON{}}
		for _, t := range ts {
			u.Tokens = append(u.Tokens, tokenJSON{t.ID, string(t.Kind), t.Created, t.Expires, t.Revoked})
		}
		out = append(out, u)
	}
	if m.JSON {
		if out == nil {
			out = []userJSON{}
		}
		return writeJSON(m.Stdout, out)
	}
	w := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "ACCOUNT\tROLE\tTOKEN\tKIND\tSTATE")
	for _, u := range out {
		if len(u.Tokens) == 0 {
			fmt.Fprintf(w, "%s\t%s\t-\t-\t-\n", u.Name, u.Role)
		}
		for _, t := range u.Tokens {
			state := "valid"
			switch {
			case !t.Revoked.IsZero():
				state = "revoked " + t.Revoked.Format("2006-01-02 15:04")
			case !t.Expires.IsZero() && time.Now().After(t.Expires):
				state = "expired"
			}
			fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\n", u.Name, u.Role, t.ID, t.Kind, state)
		}
	}
	return w.Flush()
}

// endSessions revokes the browser sessions of the account of the API
// token id, which was just revoked, and returns how many it ended. A
// session does not record the token it was signed in with, and a token
// is revoked because it leaked or its holder left: either way the
// browser it opened must not keep writing for up to 12 hours. The holder
// signs in again with a token that is still valid.
func endSessions(ctx context.Context, acc accountStore, id string) (int, error) {
	tok, _, err := acc.Token(ctx, id)
	if err != nil || tok.Kind != tokumu.TokenAPI {
		return 0, err
	}
	ts, err := acc.Tokens(ctx, tok.Account)
	if err != nil {
		return 0, err
	}
	now := time.Now()
	n := 0
	for _, t := range ts {
		if t.Kind != tokumu.TokenSession || !t.Revoked.IsZero() || (!t.Expires.IsZero() && !t.Expires.After(now)) {
			continue
		}
		if err := acc.RevokeToken(ctx, t.ID); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// article is "an" before a role that starts with a vowel (an admin, an
// editor), "a" otherwise.
func article(w string) string {
	if w != "" && strings.ContainsRune("aeiou", rune(w[0])) {
		return "an"
	}
	return "a"
}
