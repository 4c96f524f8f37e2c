package tokumu_test

import (
	"reflect"
	"testing"

	"github.com/tokumu/tokumu"
)

// TestSettingsIsZero: setting any one field makes settings non-zero, so
// a field added later cannot be forgotten by IsZero (an export would
// then drop settings.yaml).
func TestSettingsIsZero(t *testing.T) {
	if s := (tokumu.Settings{}); !s.IsZero() {
		t.Fatal("zero settings are not IsZero")
	}
	typ := reflect.TypeOf(tokumu.Settings{})
	for i := 0; i < typ.NumField(); i++ {
		var s tokumu.Settings
		f := reflect.ValueOf(&s).Elem().Field(i)
		switch f.Kind() {
		case reflect.String:
			f.SetString("x")
		case reflect.Int:
			f.SetInt(1)
		case reflect.Slice:
			f.Set(reflect.ValueOf([]string{"x"}))
		default:
			t.Fatalf("field %s of kind %s: teach this test to set it", typ.Field(i).Name, f.Kind())
		}
		if s.IsZero() {
			t.Errorf("settings with only %s set are IsZero", typ.Field(i).Name)
		}
	}
}
