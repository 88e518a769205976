package handlers

import (
	"go/ast"
	"go/parser"
	"go/token"
	"testing"
)

// TestLoginComparesDummyHashForUnknownEmail checks, by structure, that Login
// answers an unknown email only after Hasher.CheckMissing (a bcrypt comparison
// against a dummy hash), so response time does not reveal which emails exist.
// Timed assertions would be flaky; this fails when the call is dropped.
func TestLoginComparesDummyHashForUnknownEmail(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "auth.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var login *ast.FuncDecl
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Name.Name == "Login" && fd.Recv != nil {
			login = fd
		}
	}
	if login == nil {
		t.Fatal("no Login method in auth.go")
	}
	found := false
	ast.Inspect(login.Body, func(n ast.Node) bool {
		ifs, ok := n.(*ast.IfStmt)
		if !ok || !mentions(ifs.Cond, "ErrNotFound") {
			return true
		}
		// The branch for a missing user: it must call CheckMissing before returning.
		checked := false
		for _, st := range ifs.Body.List {
			if es, ok := st.(*ast.ExprStmt); ok && callsMethod(es.X, "CheckMissing") {
				checked = true
			}
			if _, ok := st.(*ast.ReturnStmt); ok {
				if !checked {
					t.Errorf("%s: Login returns for an unknown email without Hasher.CheckMissing", fset.Position(st.Pos()))
				}
				found = found || checked
			}
		}
		return true
	})
	if !found {
		t.Fatal("Login has no unknown-email branch that calls Hasher.CheckMissing before answering")
	}
}

func mentions(e ast.Expr, name string) bool {
	hit := false
	ast.Inspect(e, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && id.Name == name {
			hit = true
		}
		return !hit
	})
	return hit
}

func callsMethod(e ast.Expr, name string) bool {
	call, ok := e.(*ast.CallExpr)
	if !ok {
		return false
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	return ok && sel.Sel.Name == name
}
