-- tests/rules/unknown_id/510104.lua — an override of an id that no benefit has: the engine
-- must not open, and the message must name this file and line 6.
region { code = "510104", name = "锦江区" }

-- misspelt: dibao.single_persn
override "dibao.single_persn" (function (case, base)
  return base()
end)
