pub mod yaml_patch;
