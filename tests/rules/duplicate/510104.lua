-- tests/rules/duplicate/510104.lua — two overrides of the same id in one file: the engine
-- must not open; the message names the second one (line 9).
region { code = "510104", name = "锦江区" }

override "dibao.single_person" (function (case, base)
  return base()
end)

override "dibao.single_person" (function (case, base)
  return base():note("第二个覆盖")
end)
