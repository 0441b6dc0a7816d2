"""GraphQL of planning's objectives with their KPI targets, and campaigns with budgets and spend."""
