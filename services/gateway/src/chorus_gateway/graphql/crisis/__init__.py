"""GraphQL of planning's crisis playbooks and the incidents worked from them."""
