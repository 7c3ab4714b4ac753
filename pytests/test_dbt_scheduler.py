"""dbt's work order in `sdw build` (ingest/dbt_scheduler.py): a ready node with the longest chain
of work after it runs first. Expected ranks computed by hand."""

from __future__ import annotations

import subprocess
import sys

import networkx as nx

from ingest.dbt_scheduler import critical_path_scores


def test_the_node_with_the_most_work_after_it_runs_first() -> None:
    # model.a -> test.a_uniek -> model.b -> model.c -> model.d (a chain of three models after a's
    # test), model.a -> model.e and seed.s -> model.e (nothing after e)
    graph = nx.DiGraph(
        [
            ("model.a", "test.a_uniek"),
            ("test.a_uniek", "model.b"),
            ("model.b", "model.c"),
            ("model.c", "model.d"),
            ("model.a", "model.e"),
            ("seed.s", "model.e"),
        ]
    )
    # work left, the node included: d 1, c 2, b 3, a_uniek 3.1, e 1, a 1 + 3.1 = 4.1, s 1.1
    assert critical_path_scores(graph) == {
        "model.a": 0,
        "test.a_uniek": 1,
        "model.b": 2,
        "model.c": 3,
        "seed.s": 4,
        "model.d": 5,  # d and e tie at 1: by id
        "model.e": 6,
    }


def test_a_deep_chain_goes_before_a_shallow_leaf() -> None:
    # x and y both wait for seed s (y through the test on s). When both are ready, dbt's own
    # order (depth) runs x first, as x is shallower; here y goes first, because two more models
    # wait for it and none for x.
    graph = nx.DiGraph(
        [
            ("seed.s", "model.x"),
            ("seed.s", "test.s"),
            ("test.s", "model.y"),
            ("model.y", "model.y2"),
            ("model.y2", "model.y3"),
        ]
    )
    # work left, the node included: y3 1, y2 2, y 3, test.s 3.1, x 1, s 0.1 + 3.1 = 3.2
    assert critical_path_scores(graph) == {
        "seed.s": 0,
        "test.s": 1,
        "model.y": 2,
        "model.y2": 3,
        "model.x": 4,  # x and y3 tie at 1: by id
        "model.y3": 5,
    }


def test_the_module_runs_dbt() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ingest.dbt_scheduler", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "1.11." in result.stdout
