"""argumentation"""
