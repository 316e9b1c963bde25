"""Generated debates and AIF files of any size, for benchmarks and tests of large maps."""
