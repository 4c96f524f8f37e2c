package memstore_test

import (
	"testing"

	"github.com/tokumu/tokumu"
	"github.com/tokumu/tokumu/memstore"
	"github.com/tokumu/tokumu/storetest"
)

func TestStore(t *testing.T) {
	storetest.Run(t, storetest.Config{Open: func(testing.TB) tokumu.Store { return memstore.New() }})
}
