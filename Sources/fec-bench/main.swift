// The FEC benchmark: generates a large FEC file and measures parsing and aggregation.
print("fec-bench: not written yet")
