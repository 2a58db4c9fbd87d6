"""What people see: terminal output (plain and rich), Graphviz drawings, the HTML page and its server."""
