// The starter file of "New Portfolio File": every value in it is a comment, so that a starter saved
// into a folder adds no name, model, BRM, budget or spend to it. Uncommented, it validates clean
// under every relationship model (a unit test checks), so the first problems a user sees are their own.

export function portfolioTemplate(fiscalYear: number): string {
  return `# A portfolio/v1 file: business outcomes, and the IT initiatives that serve them.
# Reference: https://github.com/portfolio-alignment/portfolio-alignment/blob/main/docs/format.md
#
# Everything below the two lines that follow is commented out, so that nothing in this starter
# counts until you write it: uncomment a block (Ctrl+/) and put your own values in it.
apiVersion: portfolio/v1
kind: Portfolio

# metadata:
#   name: IT portfolio FY${fiscalYear}
#   currency: EUR                  # every amount below is in this currency unless it names another
#   fiscalYear: ${fiscalYear}
#   relationshipModel: provider    # passive | provider | partner | peer: sets how strict the checks are
#   brm: Name of your Business Relationship Manager
#   budget: 2M                     # optional: the IT budget for the period
# One file of a folder is enough for metadata: the other files can leave it out.

# The business needs that spend must trace to. Ids are unique across the workspace.
# outcomes:
#   - id: faster-order-fulfilment
#     title: Ship customer orders within 24 hours
#     owner: COO                   # the business sponsor
#     capability: Supply chain     # spend is rolled up by business capability
#     measures:
#       - kind: time               # cost | time | quality
#         metric: Order-to-ship lead time
#         unit: hours
#         baseline: 40
#         target: 24
#         due: ${fiscalYear}-12-31

# What IT spends money on. Every initiative with a cost should serve an outcome.
# initiatives:
#   - id: warehouse-scanning
#     title: Handheld scanning in the main warehouse
#     category: grow               # run | grow | transform
#     type: application            # infrastructure | software-upgrade | application | data | security | other
#     outcomes: [faster-order-fulfilment]   # or weighted: { faster-order-fulfilment: 60%, other-outcome: 40% }
#     cost: 250k                   # 250000, 250k, 1.2M, "250k USD" or { capex: 200k, opex: 50k }
#     owner: Logistics IT
#     status: approved             # proposed | approved | in-progress | done | cancelled
#     start: ${fiscalYear}-02-01
#     end: ${fiscalYear}-09-30
`;
}

/** The uncommented starter: what the user gets after uncommenting every block (a test checks it is clean). */
export function uncommentedTemplate(fiscalYear: number): string {
  return portfolioTemplate(fiscalYear).replace(/^# ((?:metadata|outcomes|initiatives):.*|  .*)$/gm, '$1');
}
