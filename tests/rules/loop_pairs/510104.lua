-- tests/rules/loop_pairs/510104.lua — overrides declared in a loop over a table, an ordinary
-- way to write several similar overrides. Each one answers with its own id and amount, so a
-- function attached to the wrong benefit shows in the result.
region { code = "510104", name = "锦江区" }

local amounts = {
  ["dibao.single_person"] = yuan(101),
  ["orphan.adult_student_topup"] = yuan(202),
  ["medical.assistance"] = yuan(303),
}

for id, amount in pairs(amounts) do
  override (id) (function (case, base)
    return eligible(amount, id)
  end)
end
