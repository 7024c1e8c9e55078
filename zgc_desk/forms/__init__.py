"""Documents: rule results to application forms (Excel, PDF) through declarative field maps, and the
advisor's session report. Computation stays in the engines; this package only lays out."""
