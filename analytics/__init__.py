"""Team skills-gap analytics: survey files and a competency framework in, gap figures out.

Plain Python with no web framework inside, so the command line, the reports and the
dashboard pages all share one tested core.
"""
