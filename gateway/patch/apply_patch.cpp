#include "gateway/patch/apply_patch.hpp"

#include "gateway/patch/json_patch.hpp"
#include "gateway/patch/strategic_merge.hpp"

namespace kactor::patch {

result<json> apply_patch(patch_type type, const json& object, const json& patch,
                         const google::protobuf::Descriptor* kind) {
  switch (type) {
    case patch_type::json_patch:
      return apply_json_patch(object, patch);
    case patch_type::merge_patch:
      return apply_merge_patch(object, patch);
    case patch_type::strategic_merge_patch:
      return apply_strategic_merge_patch(object, patch, kind);
    case patch_type::apply_patch:
      break;
  }
  return patch_error{
      patch_errc::unsupported,
      "the patch type " + std::string(content_type_of(type)) + " is not supported by this server"};
}

}  // namespace kactor::patch
