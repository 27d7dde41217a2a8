//! Tests of the import layer.
