"""Bilingual (Korean + English) search over the catalogue: analyzer, backends, index sync."""
