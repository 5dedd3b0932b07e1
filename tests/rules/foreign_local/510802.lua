-- tests/rules/foreign_local/510802.lua — 广元利州区 overrides 成都's local rule, which is
-- not on its chain (510802 → 510800 → 510000): "no benefit has this id", at line 5.
region { code = "510802", name = "利州区" }

override "chengdu.festival_visit" (function (case, base)
  return base()
end)
