# gradescope.jq: true for a results.json with Gradescope's fields and types
# (score, execution_time, tests[] with name, score, max_score, status,
# output, visibility), whose score is the sum of its tests' scores.
(.score | type == "number")
and (.execution_time == null or (.execution_time | type == "number"))
and (.tests | type == "array" and length > 0)
and all(.tests[];
	(.name | type == "string") and (.score | type == "number")
	and (.max_score | type == "number") and (.score <= .max_score)
	and (.status == "passed" or .status == "failed")
	and (.output | type == "string")
	and (.visibility | IN("visible", "hidden", "after_due_date", "after_published")))
and (.score == ([.tests[].score] | add))
