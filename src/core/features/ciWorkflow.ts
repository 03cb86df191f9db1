// The GitHub Actions workflow of docs/cli.md ("A GitHub Actions workflow"), for the walkthrough's
// Copy CI Workflow step. A unit test keeps the two the same.

export const CI_WORKFLOW_PATH = '.github/workflows/portfolio.yml';

export const CI_WORKFLOW = `name: Portfolio alignment

on:
  pull_request:
  push:
    branches: [main]

permissions:
  contents: read
  security-events: write

jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4

      - uses: actions/setup-node@v4
        with:
          node-version: 22

      - name: Install portfolio-align
        run: |
          git clone --depth 1 https://github.com/portfolio-alignment/portfolio-alignment "$RUNNER_TEMP/portfolio-align"
          cd "$RUNNER_TEMP/portfolio-align"
          npm ci
          npm run build
          npm install --global .

      - name: Check the portfolio
        run: >
          portfolio-align check
          --format sarif
          --rule unlinked-spend=error
          --rule unlinked-infrastructure=error
          > portfolio-align.sarif

      - name: Upload to code scanning
        if: \${{ !cancelled() }}
        uses: github/codeql-action/upload-sarif@v4
        with:
          sarif_file: portfolio-align.sarif
          category: portfolio-align
`;
