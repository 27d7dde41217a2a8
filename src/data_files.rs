//! Reading the rule files of `data/` from a directory, or the copies bundled into the binary.
