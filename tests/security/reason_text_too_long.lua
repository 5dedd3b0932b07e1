-- expect: error
-- message: 1000
-- 理由文字 1 MiB。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  return base():note(string.rep("锦", 349525))
end)
