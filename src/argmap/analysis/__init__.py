"""What the commands compute from a map: trees, chains, filters, subgraphs, lint findings, reports."""
