// The catalogs of spec/errors.yaml are generated into this folder by `swift run errgen`.
